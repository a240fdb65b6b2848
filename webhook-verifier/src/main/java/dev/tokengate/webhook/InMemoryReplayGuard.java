package dev.tokengate.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bounded in-memory {@link ReplayGuard}: a Caffeine map from id to its time to live. */
final class InMemoryReplayGuard implements ReplayGuard {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryReplayGuard.class);

    private final Cache<String, Long> seen;
    private final long maxEntries;

    InMemoryReplayGuard(long maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.seen = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Long>() {
                    @Override
                    public long expireAfterCreate(String key, Long ttlNanos, long currentTime) {
                        return ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Long ttlNanos, long currentTime, long currentDuration) {
                        return ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(String key, Long ttlNanos, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .evictionListener((String key, Long ttl, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        LOG.warn("webhook replay guard is full ({} ids): an id was forgotten before its time; "
                                + "raise maxEntries or use a shared store", this.maxEntries);
                    }
                })
                .build();
    }

    @Override
    public boolean firstSeen(String messageId, Duration ttl) {
        long nanos = ttl.isNegative() || ttl.isZero() ? 1 : saturatedNanos(ttl);
        return seen.asMap().putIfAbsent(messageId, nanos) == null;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "ReplayGuard.inMemory(" + maxEntries + ")";
    }
}
