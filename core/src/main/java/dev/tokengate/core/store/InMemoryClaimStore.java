package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** First-claim-wins ids on a {@link TtlMap}; backs both {@link SingleUseStore} and {@link MessageIdStore}. */
final class InMemoryClaimStore implements SingleUseStore, MessageIdStore, Sized {

    private final TtlMap<Boolean> claims;

    InMemoryClaimStore(Clock clock, long maxEntries, String what) {
        this.claims = new TtlMap<>(Objects.requireNonNull(clock, "clock"), maxEntries, what);
    }

    @Override
    public boolean claim(String id, Duration ttl) {
        Objects.requireNonNull(id, "id");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        return claims.putIfAbsent(id, Boolean.TRUE, claims.now().plus(ttl));
    }

    @Override
    public long size() {
        return claims.size();
    }
}
