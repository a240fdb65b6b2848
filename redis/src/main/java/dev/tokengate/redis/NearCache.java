package dev.tokengate.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The local revocation cache of one instance, kept honest by pub/sub.
 *
 * <p>Keys are {@code "j:" + tokenId} (value {@link #REVOKED} or {@link #NOT_REVOKED}) and
 * {@code "s:" + subject} (value the cut-off in epoch microseconds, or {@link #NO_CUT}); they are
 * also the messages published on the revocation channel. Answers that say "revoked" are served
 * whatever happens (a revocation is never undone). Answers that say "not revoked" are served
 * only when all of this holds, which bounds how stale they can be:
 * <ol>
 * <li>the entry was read while this instance's own heartbeat, published through Redis to its own
 *     subscription, had come back at most {@code maxStaleness} ago, and it still has: Redis
 *     delivers the messages of one subscriber connection in the order it executed the
 *     {@code PUBLISH}es, so every revocation published before that heartbeat has been applied;</li>
 * <li>no invalidation of that key arrived while it was being read (a per-key-stripe counter);</li>
 * <li>the subscription has not dropped since (an epoch counter bumped on every disconnect and on
 *     every heartbeat gap longer than {@code maxStaleness}).</li>
 * </ol>
 * Revocations are written and published by one script, so a revocation exists in Redis if and
 * only if its message was published.
 */
final class NearCache {

    static final long NOT_REVOKED = 0;
    static final long REVOKED = 1;
    static final long NO_CUT = Long.MIN_VALUE;
    private static final long NEVER = Long.MIN_VALUE;
    private static final int STRIPES = 1024;

    /** A cached answer and the epoch in which it was read. */
    record Entry(long value, long epoch) {
    }

    /** What a reader notes before it reads Redis, to decide afterwards whether it may cache a "not revoked". */
    record Ticket(String key, long stripe, long epoch, boolean fresh) {
    }

    private final Cache<String, Entry> cache;
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong lastHeartbeat = new AtomicLong(NEVER);
    private final long maxStalenessNanos;
    private final LongSupplier nanoTime;
    private volatile Consumer<String> invalidationListener = k -> { };

    NearCache(long maxEntries, Duration maxStaleness, LongSupplier nanoTime) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(Duration.ofMinutes(10))   // defense in depth only; correctness does not rely on it
                .executor(Runnable::run)
                .build();
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.nanoTime = nanoTime;
    }

    long now() {
        return nanoTime.getAsLong();
    }

    /** Whether a heartbeat came back within {@code maxStaleness}. */
    boolean fresh() {
        long hb = lastHeartbeat.get();
        return hb != NEVER && nanoTime.getAsLong() - hb <= maxStalenessNanos;
    }

    long epoch() {
        return epoch.get();
    }

    Entry get(String key) {
        return cache.getIfPresent(key);
    }

    Ticket ticket(String key) {
        boolean fresh = fresh();
        return new Ticket(key, stripes.get(stripe(key)), epoch.get(), fresh);
    }

    /** Caches a positive answer ("revoked"): always safe. */
    void putRevoked(String key) {
        cache.put(key, new Entry(REVOKED, epoch.get()));
    }

    /**
     * Caches an answer that may be used for "not revoked", if nothing that could make it stale
     * happened since the ticket was taken. Atomic with respect to {@link #onRevocation}.
     */
    void putChecked(Ticket t, long value) {
        if (!t.fresh()) {
            return;
        }
        cache.asMap().compute(t.key(), (k, old) -> {
            if (epoch.get() != t.epoch() || stripes.get(stripe(k)) != t.stripe() || !fresh()) {
                return old;
            }
            return new Entry(value, t.epoch());
        });
    }

    /** A message from the revocation channel. */
    void onRevocation(String key) {
        forget(key);
        invalidationListener.accept(key);
    }

    /**
     * Drops what this instance knows of a key that just changed (its own write, or another
     * instance's message): a token id becomes "revoked", a subject's cut-off is read again.
     */
    void forget(String key) {
        stripes.incrementAndGet(stripe(key));
        if (key.startsWith("j:")) {
            putRevoked(key);
        } else {
            cache.asMap().remove(key);
        }
    }

    /** A heartbeat of this instance came back; {@code sentNanos} is when it was sent. */
    void onHeartbeat(long sentNanos) {
        long prev = lastHeartbeat.get();
        if (prev != NEVER && sentNanos - prev > maxStalenessNanos) {
            epoch.incrementAndGet();   // a gap: anything cached before it is not trusted again
        }
        lastHeartbeat.accumulateAndGet(sentNanos, (a, b) -> a == NEVER ? b : Math.max(a, b));
    }

    /**
     * The subscription dropped: messages may be lost from now until it is back. Every cached
     * "not revoked" stops being trusted (its epoch is over); cached "revoked" answers stay, so a
     * revoked token this instance knows of is refused from memory even while Redis is down.
     */
    void onDisconnected() {
        epoch.incrementAndGet();
        lastHeartbeat.set(NEVER);
    }

    void invalidationListener(Consumer<String> listener) {
        this.invalidationListener = listener;
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static int stripe(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
