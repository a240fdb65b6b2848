package dev.tokengate.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A Caffeine map whose entries each expire at their own instant, read from the injected clock,
 * and that refuses a write rather than evict a live entry when it holds {@code maxEntries}.
 * Maintenance runs on the calling thread (no background executor).
 */
final class TtlMap<V> {

    /** A value and the ticker time (nanoseconds derived from the clock) at which it expires. */
    record Slot<V>(V value, long deadline) {
    }

    private final Clock clock;
    private final long maxEntries;
    private final String what;
    private final Cache<String, Slot<V>> cache;

    TtlMap(Clock clock, long maxEntries, String what) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.what = what;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Slot<V>>() {
                    @Override
                    public long expireAfterCreate(String key, Slot<V> slot, long now) {
                        return Math.max(0, slot.deadline - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Slot<V> slot, long now, long remaining) {
                        return Math.max(0, slot.deadline - now);
                    }

                    @Override
                    public long expireAfterRead(String key, Slot<V> slot, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    long deadline(Instant until) {
        long ms;
        try {
            ms = until.toEpochMilli();
        } catch (ArithmeticException e) {
            ms = Long.MAX_VALUE / 1_000_000L;
        }
        return TimeUnit.MILLISECONDS.toNanos(Math.min(ms, Long.MAX_VALUE / 1_000_000L));
    }

    Instant now() {
        return clock.instant();
    }

    V get(String key) {
        Slot<V> s = cache.getIfPresent(key);
        return s == null ? null : s.value;
    }

    void put(String key, V value, Instant until) {
        ensureRoom();
        cache.put(key, new Slot<>(value, deadline(until)));
    }

    boolean putIfAbsent(String key, V value, Instant until) {
        ensureRoom();
        return cache.asMap().putIfAbsent(key, new Slot<>(value, deadline(until))) == null;
    }

    boolean remove(String key) {
        return cache.asMap().remove(key) != null;
    }

    /** Atomically computes a new slot from the current one (null when absent or expired). */
    Slot<V> compute(String key, BiFunction<String, Slot<V>, Slot<V>> fn) {
        ensureRoom();
        return asMap().compute(key, fn);
    }

    ConcurrentMap<String, Slot<V>> asMap() {
        return cache.asMap();
    }

    /** Drops expired entries now and answers how many live entries remain. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private void ensureRoom() {
        if (cache.estimatedSize() >= maxEntries) {
            cache.cleanUp();
            if (cache.estimatedSize() >= maxEntries) {
                throw new TokenException(ErrorCode.STORE_UNAVAILABLE, "the in-memory " + what + " store holds "
                        + maxEntries + " live entries, its configured maximum; raise maxEntries or use a shared store");
            }
        }
    }
}
