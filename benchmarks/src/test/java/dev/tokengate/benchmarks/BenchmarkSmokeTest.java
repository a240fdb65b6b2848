package dev.tokengate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.TokenType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark's setup, then each of its methods once: a broken benchmark fails the build here,
 * long before anyone runs JMH. No timing is asserted.
 */
class BenchmarkSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "RS256", "ES256"})
    void coldValidationWhenSetUpThenEverySideAcceptsTheSameToken(String alg) {
        ColdValidationBenchmark b = new ColdValidationBenchmark();
        b.alg = alg;
        b.setUp();

        assertThat(b.tokengate().type()).isEqualTo(TokenType.API_ACCESS);
        assertThat(b.tokengate().scopes()).containsExactly("READ", "WRITE");
        RawNimbusValidator.Result raw = b.nimbusRaw();
        assertThat(raw.subject()).isEqualTo("user123");
        assertThat(raw.scopes()).containsExactly("READ", "WRITE");
        assertThat(b.springNimbusJwtDecoder().getSubject()).isEqualTo("user123");
        assertThat(b.springNimbusJwtDecoder().getAudience()).containsExactly(Fixtures.AUDIENCE);
    }

    @Test
    void cacheHitWhenSetUpThenRepeatedTokenValidates() {
        CacheHitBenchmark b = new CacheHitBenchmark();
        b.setUp();

        assertThat(b.cacheHit().subject()).isEqualTo("user123");
        assertThat(b.cacheHitFreshString()).isSameAs(b.cacheHit());
    }

    @Test
    void apiKeyWhenSetUpThenKeyValidatesAndBareLookupFindsIt() {
        ApiKeyBenchmark b = new ApiKeyBenchmark();
        b.setUp();

        assertThat(b.tokengate().subject()).isEqualTo("svc-reporting");
        assertThat(b.bareSha256Lookup()).isEqualTo("svc-reporting");
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 65536})
    void webhookWhenSetUpThenDeliveryVerifiesAndBareMacIsAnHmac(int size) throws Exception {
        WebhookBenchmark b = new WebhookBenchmark();
        b.size = size;
        b.setUp();

        assertThat(b.tokengate().messageId()).startsWith("msg_");
        assertThat(b.bareMac()).hasSize(32);
    }

    @Test
    void cachedTokenHeapWhenRunSmallThenReportsEveryToken() {
        CachedTokenHeap.Result r = CachedTokenHeap.measure(500);

        assertThat(r.tokens()).isEqualTo(500);
        assertThat(r.averageTokenChars()).isGreaterThan(300);
        assertThat(r.keyBytesPerEntry()).isGreaterThan(r.averageTokenChars());
    }
}
