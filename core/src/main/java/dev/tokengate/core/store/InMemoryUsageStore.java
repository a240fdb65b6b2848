package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/** {@link UsageStore} on a {@link TtlMap}; each entry merges with one atomic {@code compute}. */
final class InMemoryUsageStore implements UsageStore, Sized {

    private final TtlMap<TokenUsage> totals;

    InMemoryUsageStore(Clock clock, long maxEntries) {
        this.totals = new TtlMap<>(Objects.requireNonNull(clock, "clock"), maxEntries, "usage");
    }

    @Override
    public void record(Collection<TokenUsage> batch, Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        long deadline = totals.deadline(totals.now().plus(retention));
        for (TokenUsage u : batch) {
            totals.compute(u.tokenId(), (k, old) -> {
                if (old == null) {
                    return new TtlMap.Slot<>(u, deadline);
                }
                TokenUsage o = old.value();
                return new TtlMap.Slot<>(new TokenUsage(k, o.count() + u.count(),
                        o.lastUsed().isAfter(u.lastUsed()) ? o.lastUsed() : u.lastUsed()), deadline);
            });
        }
    }

    @Override
    public TokenUsage find(String tokenId) {
        return totals.get(tokenId);
    }

    @Override
    public long size() {
        return totals.size();
    }
}
