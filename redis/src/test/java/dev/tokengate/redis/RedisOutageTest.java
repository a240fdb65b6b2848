package dev.tokengate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.store.RotateOutcome;
import dev.tokengate.core.store.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Redis killed under traffic and restarted on the same port: fail closed, then recover with the same client. */
class RedisOutageTest {

    RedisServerProcess server;
    RedisStores cached;
    RedisStores direct;
    ExecutorService traffic;

    @BeforeEach
    void start() {
        server = RedisServerProcess.start();
        RedisStoresConfig config = RedisStoresConfig.builder().keyPrefix("outage:").build();
        cached = RedisStores.connect(server.uri(), config);
        direct = RedisStores.connect(server.uri(), config.toBuilder().nearCache(false).build());
        RedisStoresTest.awaitFresh(cached);
    }

    @AfterEach
    void stop() {
        if (traffic != null) {
            traffic.shutdownNow();
        }
        cached.close();
        direct.close();
        server.close();
    }

    @Test
    void redisStoppedUnderTrafficThenStoreUnavailableAndNeverNotRevokedThenRecoversWithTheSameClient() throws Exception {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        cached.revocations().revoke("revoked-before", inAnHour);
        cached.revocations().revokeSubject("mallory", Instant.now(), inAnHour);
        assertThat(cached.messageIds().claim("delivered-before", Duration.ofHours(1))).isTrue();
        cached.refreshFamilies().create(RedisStoresTest.family("fam", "h0"), Duration.ofDays(1));
        assertThat(cached.revocations().isRevoked("fine")).isFalse();   // a cached "not revoked"

        // traffic: every answer about a revoked token must be "revoked" or STORE_UNAVAILABLE, never "not revoked"
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong unavailable = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        traffic = Executors.newFixedThreadPool(4);
        Instant oldIat = Instant.now().minusSeconds(60);
        List<Supplier<Boolean>> revokedChecks = List.of(
                () -> cached.revocations().isRevoked("revoked-before"),
                () -> direct.revocations().isRevoked("revoked-before"),
                () -> cached.revocations().isRevoked("other", "mallory", oldIat),
                () -> direct.revocations().isRevoked("other", "mallory", oldIat));
        for (Supplier<Boolean> check : revokedChecks) {
            traffic.submit(() -> {
                while (running.get()) {
                    try {
                        if (!check.get()) {
                            violations.add("a revoked token was reported as not revoked");
                        }
                        answered.incrementAndGet();
                    } catch (TokenException e) {
                        if (e.code() != ErrorCode.STORE_UNAVAILABLE) {
                            violations.add("unexpected code " + e.code());
                        }
                        unavailable.incrementAndGet();
                    } catch (RuntimeException e) {
                        violations.add("unexpected exception " + e);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            });
        }
        awaitCount(answered, 50);

        server.kill();

        awaitCount(unavailable, 20);
        // the cached "not revoked" is dropped with the subscription: no answer without Redis
        assertFailsFastUnavailable(() -> cached.revocations().isRevoked("fine"));
        assertFailsFastUnavailable(() -> direct.revocations().isRevoked("fine"));
        assertFailsFastUnavailable(() -> cached.revocations().revoke("during", inAnHour));
        assertFailsFastUnavailable(() -> cached.messageIds().claim("during", Duration.ofMinutes(5)));
        assertFailsFastUnavailable(() -> cached.singleUse().claim("during", Duration.ofMinutes(5)));
        assertFailsFastUnavailable(() -> cached.refreshFamilies().rotate("fam", "h0", "h1", Duration.ofDays(1)));
        assertFailsFastUnavailable(() -> cached.refreshFamilies().find("fam"));
        assertFailsFastUnavailable(() -> cached.apiKeys().find("any"));
        assertFailsFastUnavailable(() -> cached.usage().record(List.of(new TokenUsage("u", 1, Instant.now())), Duration.ofDays(1)));
        // a revoked token known to the near-cache stays revoked, with or without Redis
        assertThat(cached.revocations().isRevoked("revoked-before")).isTrue();

        server.restart();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                assertThat(cached.revocations().isRevoked("fine")).isFalse();
                assertThat(direct.revocations().isRevoked("fine")).isFalse();
                break;
            } catch (TokenException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                assertThat(System.nanoTime()).as("recovered within 10 s of the restart").isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        running.set(false);
        traffic.shutdown();
        assertThat(traffic.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(violations).isEmpty();

        // what was written before the outage still holds, read straight from Redis
        assertThat(direct.revocations().isRevoked("revoked-before")).isTrue();
        assertThat(direct.revocations().isRevoked("other", "mallory", oldIat)).isTrue();
        assertThat(direct.messageIds().claim("delivered-before", Duration.ofHours(1))).isFalse();
        // and everything works again, scripts included (the restarted server has an empty script cache)
        assertThat(direct.refreshFamilies().rotate("fam", "h0", "h1", Duration.ofDays(1))).isEqualTo(RotateOutcome.ROTATED);
        cached.revocations().revoke("after", inAnHour);
        assertThat(direct.revocations().isRevoked("after")).isTrue();
        RedisStoresTest.awaitFresh(cached);
    }

    @Test
    void connectWhenRedisIsDownThenStoreUnavailableWithoutThePassword() {
        server.kill();
        String uri = "redis://:s3cret-pw@127.0.0.1:" + server.port();

        assertThatThrownBy(() -> RedisStores.connect(uri))
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("127.0.0.1:" + server.port()).doesNotContain("s3cret");
                });
    }

    @Test
    void connectWhenUriIsMalformedThenIllegalArgumentWithoutTheUri() {
        assertThatThrownBy(() -> RedisStores.connect("http://user:s3cret@host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
    }

    private static void assertFailsFastUnavailable(ThrowingCallable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800));
    }

    private static void awaitCount(AtomicLong counter, long atLeast) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.get() < atLeast) {
            assertThat(System.nanoTime()).as("counter reaches " + atLeast).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
