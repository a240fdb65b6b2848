package dev.tokengate.core.event;

import dev.tokengate.core.store.TokenUsage;
import dev.tokengate.core.store.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener that counts accepted uses per token in memory and writes them to a
 * {@link UsageStore} in batches when {@link #flush()} runs: a request never waits on the store.
 *
 * <pre>{@code
 * UsageRecorder usage = UsageRecorder.builder(UsageStore.inMemory()).build();
 * TokenValidator v = TokenValidator.builder()...listener(usage).build();
 * scheduler.scheduleAtFixedRate(usage::flush, 10, 10, TimeUnit.SECONDS);   // your scheduler
 * }</pre>
 *
 * <p>Defaults: retention 30 days, at most 100,000 tokens pending between flushes (uses of further
 * tokens are counted in {@link #dropped()} instead). Thread-safe.
 */
public final class UsageRecorder implements SecurityEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

    private static final class Pending {
        final AtomicLong count = new AtomicLong();
        final AtomicLong lastUsedMillis = new AtomicLong(Long.MIN_VALUE);
    }

    private final UsageStore store;
    private final Duration retention;
    private final int maxPending;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    private UsageRecorder(Builder b) {
        this.store = b.store;
        this.retention = b.retention;
        this.maxPending = b.maxPending;
    }

    /**
     * A builder.
     *
     * @param store where batches go
     * @return the builder
     */
    public static Builder builder(UsageStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    @Override
    public void onEvent(SecurityEvent e) {
        if (e.kind() != SecurityEvent.Kind.ACCEPTED || e.tokenId() == null) {
            return;
        }
        Pending p = pending.get(e.tokenId());
        if (p == null) {
            if (pending.size() >= maxPending) {
                dropped.increment();
                return;
            }
            p = pending.computeIfAbsent(e.tokenId(), k -> new Pending());
        }
        p.count.incrementAndGet();
        p.lastUsedMillis.accumulateAndGet(e.at().toEpochMilli(), Math::max);
    }

    /**
     * Writes the uses counted since the previous flush to the store, in one batch. Call it from a
     * scheduler you own. If the store fails, the counts are kept for the next flush.
     *
     * @return how many tokens the batch held
     * @throws dev.tokengate.core.TokenException with {@code STORE_UNAVAILABLE} if the store fails
     */
    public int flush() {
        List<TokenUsage> batch = new ArrayList<>();
        for (Map.Entry<String, Pending> en : pending.entrySet()) {
            Pending p = en.getValue();
            long n = p.count.getAndSet(0);
            if (n > 0) {
                batch.add(new TokenUsage(en.getKey(), n, Instant.ofEpochMilli(p.lastUsedMillis.get())));
            } else {
                pending.remove(en.getKey(), p);   // idle for a whole period
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            store.record(batch, retention);
        } catch (RuntimeException e) {
            for (TokenUsage u : batch) {
                Pending p = pending.computeIfAbsent(u.tokenId(), k -> new Pending());
                p.count.addAndGet(u.count());
                p.lastUsedMillis.accumulateAndGet(u.lastUsed().toEpochMilli(), Math::max);
            }
            LOG.warn("usage flush of {} tokens failed, kept for the next flush: {}", batch.size(), e.toString());
            throw e instanceof dev.tokengate.core.TokenException t ? t
                    : new dev.tokengate.core.TokenException(dev.tokengate.core.ErrorCode.STORE_UNAVAILABLE,
                            "usage store failed: " + e, e);
        }
        return batch.size();
    }

    /** How many tokens have uses waiting for the next flush. */
    public int pendingTokens() {
        int n = 0;
        for (Pending p : pending.values()) {
            if (p.count.get() > 0) {
                n++;
            }
        }
        return n;
    }

    /** How many uses were not counted because {@code maxPending} tokens were already pending. */
    public long dropped() {
        return dropped.sum();
    }

    /** Configures a {@link UsageRecorder}. Not thread-safe. */
    public static final class Builder {
        private final UsageStore store;
        private Duration retention = Duration.ofDays(30);
        private int maxPending = 100_000;

        private Builder(UsageStore store) {
            this.store = store;
        }

        /**
         * Sets how long the store keeps a token's totals after its last update.
         *
         * @param retention a positive duration
         * @return this builder
         */
        public Builder retention(Duration retention) {
            if (retention == null || retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention must be positive, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /**
         * Sets the most tokens counted in memory between two flushes.
         *
         * @param maxPending at least 1
         * @return this builder
         */
        public Builder maxPending(int maxPending) {
            if (maxPending < 1) {
                throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
            }
            this.maxPending = maxPending;
            return this;
        }

        /** Builds the recorder. */
        public UsageRecorder build() {
            return new UsageRecorder(this);
        }
    }
}
