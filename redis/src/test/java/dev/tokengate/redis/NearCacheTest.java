package dev.tokengate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rules that bound how stale a cached "not revoked" can be, on a hand-driven clock. */
class NearCacheTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final NearCache near = new NearCache(1000, Duration.ofSeconds(1), nanos::get);

    void advanceMillis(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    void heartbeatNow() {
        near.onHeartbeat(nanos.get());
    }

    @Test
    void freshWhenOwnHeartbeatCameBackWithinMaxStalenessOnly() {
        assertThat(near.fresh()).as("no heartbeat yet").isFalse();
        heartbeatNow();
        assertThat(near.fresh()).isTrue();
        advanceMillis(1000);
        assertThat(near.fresh()).isTrue();
        advanceMillis(1);
        assertThat(near.fresh()).isFalse();
    }

    @Test
    void putCheckedWhenTicketTakenWhileStaleThenNotCached() {
        NearCache.Ticket t = near.ticket("j:a");
        heartbeatNow();

        near.putChecked(t, NearCache.NOT_REVOKED);

        assertThat(near.get("j:a")).isNull();
    }

    @Test
    void putCheckedWhenInvalidatedDuringTheReadThenNotCached() {
        heartbeatNow();
        NearCache.Ticket t = near.ticket("s:alice");
        near.onRevocation("s:alice");

        near.putChecked(t, NearCache.NO_CUT);

        assertThat(near.get("s:alice")).isNull();
    }

    @Test
    void putCheckedWhenSubscriptionDroppedDuringTheReadThenNotCached() {
        heartbeatNow();
        NearCache.Ticket t = near.ticket("j:a");
        near.onDisconnected();

        near.putChecked(t, NearCache.NOT_REVOKED);

        assertThat(near.get("j:a")).isNull();
        assertThat(near.fresh()).isFalse();
    }

    @Test
    void putCheckedWhenNothingHappenedThenCachedInTheCurrentEpoch() {
        heartbeatNow();
        NearCache.Ticket t = near.ticket("j:a");

        near.putChecked(t, NearCache.NOT_REVOKED);

        assertThat(near.get("j:a")).isEqualTo(new NearCache.Entry(NearCache.NOT_REVOKED, near.epoch()));
    }

    @Test
    void disconnectEndsTheEpochOfCachedNotRevokedButKeepsRevoked() {
        heartbeatNow();
        near.putChecked(near.ticket("j:ok"), NearCache.NOT_REVOKED);
        near.onRevocation("j:bad");
        long epoch = near.epoch();

        near.onDisconnected();

        assertThat(near.epoch()).isGreaterThan(epoch);
        assertThat(near.get("j:ok").epoch()).isLessThan(near.epoch());
        assertThat(near.get("j:bad").value()).isEqualTo(NearCache.REVOKED);
    }

    @Test
    void heartbeatGapLongerThanMaxStalenessEndsTheEpoch() {
        heartbeatNow();
        long epoch = near.epoch();
        advanceMillis(200);
        heartbeatNow();
        assertThat(near.epoch()).isEqualTo(epoch);

        advanceMillis(1500);
        heartbeatNow();

        assertThat(near.epoch()).isEqualTo(epoch + 1);
        assertThat(near.fresh()).isTrue();
    }

    @Test
    void revocationMessageOfAnIdCachesItAsRevokedAndTellsTheListener() {
        StringBuilder seen = new StringBuilder();
        near.invalidationListener(seen::append);

        near.onRevocation("j:t1");

        assertThat(near.get("j:t1").value()).isEqualTo(NearCache.REVOKED);
        assertThat(seen).hasToString("j:t1");
    }
}
