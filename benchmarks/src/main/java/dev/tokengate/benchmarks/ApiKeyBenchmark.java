package dev.tokengate.benchmarks;

import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenService;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.RevocationStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Validating an opaque API key (checksum, SHA-256, lookup in the in-memory store, revocation),
 * beside the bare minimum: SHA-256 of the key and a {@code ConcurrentHashMap} lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ApiKeyBenchmark {

    String key;
    TokenValidator validator;
    final Map<String, String> bare = new ConcurrentHashMap<>();

    @Setup
    public void setUp() {
        Fixtures f = new Fixtures(SigningAlgorithm.ES256);
        RevocationStore revocations = RevocationStore.inMemory(f.clock, 1_000_000);
        ApiKeyStore store = ApiKeyStore.inMemory(f.clock, 1_000_000);
        validator = f.validator(10_000).revocations(revocations).apiKeys(store).build();
        TokenService service = TokenService.builder().issuer(f.issuer).validator(validator).revocations(revocations)
                .apiKeys(store).clock(f.clock).build();
        key = service.issueApiKey(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("30d")
                .scope("READ").subject("svc-reporting").build(), "live").key();
        bare.put(sha256(key), "svc-reporting");
    }

    @Benchmark
    public ValidatedToken tokengate() {
        return validator.validate(key);
    }

    @Benchmark
    public String bareSha256Lookup() {
        return bare.get(sha256(key));
    }

    static String sha256(String s) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
