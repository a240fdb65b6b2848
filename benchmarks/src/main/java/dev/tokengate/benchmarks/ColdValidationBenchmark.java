package dev.tokengate.benchmarks;

import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Validating a token that is not cached (the validator's cache is off, so every call parses and
 * verifies), side by side with raw nimbus-jose-jwt making the same checks and with Spring
 * Security's {@code NimbusJwtDecoder}. Target: tokengate within 1.15x raw nimbus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ColdValidationBenchmark {

    @Param({"HS256", "RS256", "ES256"})
    public String alg;

    String token;
    TokenValidator tokengate;
    RawNimbusValidator nimbus;
    NimbusJwtDecoder spring;

    @Setup
    public void setUp() {
        Fixtures f = new Fixtures(SigningAlgorithm.valueOf(alg));
        token = f.token();
        tokengate = f.validator(0).build();
        nimbus = new RawNimbusValidator(f.keys.activeKeyId(), f.nimbusVerifier(), f.jwsAlgorithm(),
                TokenType.API_ACCESS.typ(), TokenType.API_ACCESS.name(), Fixtures.ISSUER, Fixtures.AUDIENCE,
                Fixtures.SKEW.toMillis(), TokenType.API_ACCESS.defaultMaxLifetime().toMillis(), f.clock);
        spring = SpringDecoders.of(f);
    }

    @Benchmark
    public ValidatedToken tokengate() {
        return tokengate.validate(token);
    }

    @Benchmark
    public RawNimbusValidator.Result nimbusRaw() {
        return nimbus.validate(token);
    }

    @Benchmark
    public Jwt springNimbusJwtDecoder() {
        return spring.decode(token);
    }
}
