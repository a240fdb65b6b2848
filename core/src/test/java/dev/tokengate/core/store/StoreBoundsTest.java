package dev.tokengate.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.MutableClock;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A million tokens come and go; each in-memory store stays bounded and ends empty. */
class StoreBoundsTest {

    private static final int TOKENS = 1_000_000;
    private static final long MAX = 100_000;

    private final MutableClock clock = MutableClock.start();

    /** Each token lives 60 s and one arrives every millisecond: about 60,000 are live at once. */
    private void churn(Object store, java.util.function.IntConsumer write) {
        long peak = 0;
        for (int i = 0; i < TOKENS; i++) {
            write.accept(i);
            clock.advance(Duration.ofMillis(1));
            if (i % 100_000 == 0) {
                peak = Math.max(peak, InMemoryStores.liveEntries(store));
            }
        }
        assertThat(peak).isLessThanOrEqualTo(MAX);
        clock.advance(Duration.ofMinutes(2));
        assertThat(InMemoryStores.liveEntries(store)).isZero();
    }

    @Test
    void revocationStoreStaysBounded() {
        RevocationStore s = RevocationStore.inMemory(clock, MAX);
        churn(s, i -> s.revoke("jti-" + i, clock.instant().plusSeconds(60)));
    }

    @Test
    void singleUseAndMessageIdStoresStayBounded() {
        SingleUseStore s = SingleUseStore.inMemory(clock, MAX);
        churn(s, i -> assertThat(s.claim("id-" + i, Duration.ofSeconds(60))).isTrue());
        MessageIdStore m = MessageIdStore.inMemory(clock, MAX);
        churn(m, i -> m.claim("msg-" + i, Duration.ofSeconds(60)));
    }

    @Test
    void refreshFamilyStoreStaysBounded() {
        RefreshFamilyStore s = RefreshFamilyStore.inMemory(clock, MAX);
        churn(s, i -> s.create(family("f" + i, "h" + i), Duration.ofSeconds(60)));
    }

    @Test
    void usageStoreStaysBounded() {
        UsageStore s = UsageStore.inMemory(clock, MAX);
        churn(s, i -> s.record(List.of(new TokenUsage("t" + i, 1, clock.instant())), Duration.ofSeconds(60)));
    }

    @Test
    void writeWhenFullOfLiveEntriesThenStoreUnavailableNeverEviction() {
        RevocationStore s = RevocationStore.inMemory(clock, 3);
        for (int i = 0; i < 3; i++) {
            s.revoke("j" + i, clock.instant().plusSeconds(60));
        }
        assertThatThrownBy(() -> s.revoke("j3", clock.instant().plusSeconds(60))).isInstanceOf(TokenException.class)
                .extracting(e -> ((TokenException) e).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(s.isRevoked("j0")).isTrue();
        clock.advance(Duration.ofSeconds(61));
        s.revoke("j3", clock.instant().plusSeconds(60));
        assertThat(s.isRevoked("j3")).isTrue();
        assertThat(s.isRevoked("j0")).isFalse();
    }

    @Test
    void claimWinsOnceUntilExpiry() {
        SingleUseStore s = SingleUseStore.inMemory(clock, 10);
        assertThat(s.claim("a", Duration.ofSeconds(10))).isTrue();
        assertThat(s.claim("a", Duration.ofSeconds(10))).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(s.claim("a", Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void subjectRevocationKeepsTheLatestCutoff() {
        RevocationStore s = RevocationStore.inMemory(clock, 10);
        Instant t = clock.instant();
        s.revokeSubject("u", t, t.plusSeconds(100));
        s.revokeSubject("u", t.minusSeconds(50), t.plusSeconds(100));
        assertThat(s.isRevoked("x", "u", t.minusSeconds(1))).isTrue();
        assertThat(s.isRevoked("x", "u", t)).isFalse();
        assertThat(s.isRevoked("x", "v", t.minusSeconds(1))).isFalse();
    }

    @Test
    void rotateOutcomes() {
        RefreshFamilyStore s = RefreshFamilyStore.inMemory(clock, 10);
        assertThat(s.rotate("nope", "a", "b", Duration.ofDays(1))).isEqualTo(RotateOutcome.UNKNOWN);
        s.create(family("f", "h1"), Duration.ofDays(1));
        assertThat(s.rotate("f", "zz", "h2", Duration.ofDays(1))).isEqualTo(RotateOutcome.UNKNOWN);
        assertThat(s.rotate("f", "h1", "h2", Duration.ofDays(1))).isEqualTo(RotateOutcome.ROTATED);
        assertThat(s.find("f").currentHash()).isEqualTo("h2");
        assertThat(s.rotate("f", "h1", "h3", Duration.ofDays(1))).isEqualTo(RotateOutcome.REUSED);
        assertThat(s.find("f").revoked()).isTrue();
        assertThat(s.rotate("f", "h2", "h3", Duration.ofDays(1))).isEqualTo(RotateOutcome.REVOKED);
    }

    @Test
    void usageTotalsAccumulate() {
        UsageStore s = UsageStore.inMemory(clock, 10);
        Instant t = clock.instant();
        s.record(List.of(new TokenUsage("a", 3, t)), Duration.ofDays(1));
        s.record(List.of(new TokenUsage("a", 2, t.plusSeconds(5))), Duration.ofDays(1));
        assertThat(s.find("a")).isEqualTo(new TokenUsage("a", 5, t.plusSeconds(5)));
    }

    private RefreshFamily family(String id, String hash) {
        return new RefreshFamily(id, "sub", TokenType.API_ACCESS, List.of("READ"), List.of(), Map.of(), List.of(),
                Duration.ofMinutes(5), clock.instant(), hash, false);
    }
}
