package dev.tokengate.benchmarks;

import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.core.store.RevocationStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Validating a repeated ES256 token: a cache hit, with expiry and revocation (in-memory store,
 * one revoked token and one revoked subject in it) still checked on every call. Target: at least
 * 1,000x faster than {@code ColdValidationBenchmark.tokengate} with ES256.
 *
 * <p>{@code cacheHitFreshString} presents an equal but distinct {@code String} each time, as a
 * servlet container does for every request (its hash is not cached yet).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheHitBenchmark {

    String token;
    char[] tokenChars;
    TokenValidator validator;

    @Setup
    public void setUp() {
        Fixtures f = new Fixtures(SigningAlgorithm.ES256);
        RevocationStore revocations = RevocationStore.inMemory(f.clock, 1_000_000);
        revocations.revoke("some-other-token", f.clock.instant().plusSeconds(3600));
        revocations.revokeSubject("someone-else", f.clock.instant(), f.clock.instant().plusSeconds(3600));
        validator = f.validator(10_000).revocations(revocations).build();
        token = f.token();
        tokenChars = token.toCharArray();
        validator.validate(token);
    }

    @Benchmark
    public ValidatedToken cacheHit() {
        return validator.validate(token);
    }

    @Benchmark
    public ValidatedToken cacheHitFreshString() {
        return validator.validate(new String(tokenChars));
    }
}
