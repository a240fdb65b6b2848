package dev.tokengate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    @Test
    void firstSeenWhenSameIdTwiceThenOnlyFirstAndAgainAfterTtl() {
        MutableClock clock = new MutableClock(1000);
        ReplayGuard guard = ReplayGuard.inMemory(100, clock);
        assertThat(guard.firstSeen("a", Duration.ofSeconds(600))).isTrue();
        assertThat(guard.firstSeen("a", Duration.ofSeconds(600))).isFalse();
        assertThat(guard.firstSeen("b", Duration.ofSeconds(600))).isTrue();
        clock.advance(Duration.ofSeconds(599));
        assertThat(guard.firstSeen("a", Duration.ofSeconds(600))).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(guard.firstSeen("a", Duration.ofSeconds(600))).isTrue();
    }

    @Test
    void firstSeenWhenManyThreadsRaceForOneIdThenExactlyOneWins() throws Exception {
        ReplayGuard guard = ReplayGuard.inMemory(1000, new MutableClock(0));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                String id = "msg_" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return guard.firstSeen(id, Duration.ofMinutes(10));
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inMemoryWhenMaxEntriesBelowOneThenRefused() {
        assertThatThrownBy(() -> ReplayGuard.inMemory(0, new MutableClock(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEntries");
    }

    @Test
    void noneRemembersNothing() {
        assertThat(ReplayGuard.none().firstSeen("a", Duration.ofMinutes(1))).isTrue();
        assertThat(ReplayGuard.none().firstSeen("a", Duration.ofMinutes(1))).isTrue();
    }

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void verifyClaimsOnlyAuthenticDeliveriesWithKeySchemeIdAndTtlOfBothTolerances() {
        List<String> claimed = new ArrayList<>();
        List<Duration> ttls = new ArrayList<>();
        MutableClock clock = new MutableClock(5000);
        WebhookVerifier v = WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).clock(clock)
                .tolerance(Duration.ofSeconds(120), Duration.ofSeconds(30))
                .replayGuard((id, ttl) -> {
                    claimed.add(id);
                    ttls.add(ttl);
                    return true;
                }).build();
        Map<String, String> h = WebhookSigner.builder().secret(SECRET).clock(clock).build().sign("msg_1", BODY);
        Deliveries.assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> v.verify(Deliveries.multi(h), "x".getBytes()));
        assertThat(claimed).isEmpty();
        v.verify(Deliveries.multi(h), BODY);
        assertThat(claimed).containsExactly("standard:msg_1");
        assertThat(ttls.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void verifyWhenGuardFailsThenStoreUnavailable() {
        MutableClock clock = new MutableClock(5000);
        WebhookVerifier v = WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).clock(clock)
                .replayGuard((id, ttl) -> {
                    throw new IllegalStateException("redis down");
                }).build();
        Map<String, String> h = WebhookSigner.builder().secret(SECRET).clock(clock).build().sign("msg_1", BODY);
        Deliveries.assertRefused(ErrorCode.STORE_UNAVAILABLE, () -> v.verify(Deliveries.multi(h), BODY));
    }

    @Test
    void verifyWhenReplayGuardOffThenSameDeliveryAcceptedTwice() {
        MutableClock clock = new MutableClock(5000);
        WebhookVerifier v = WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).clock(clock)
                .replayGuard(ReplayGuard.none()).build();
        Map<String, String> h = WebhookSigner.builder().secret(SECRET).clock(clock).build().sign("msg_1", BODY);
        v.verify(Deliveries.multi(h), BODY);
        v.verify(Deliveries.multi(h), BODY);
    }
}
