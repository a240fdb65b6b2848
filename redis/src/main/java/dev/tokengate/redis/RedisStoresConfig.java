package dev.tokengate.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of {@link RedisStores}: key prefix, timeouts, the revocation near-cache and its
 * consistency bound.
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>what it does</th></tr>
 * <tr><td>{@code keyPrefix}</td><td>{@code tokengate:}</td><td>prefix of every key and pub/sub channel</td></tr>
 * <tr><td>{@code commandTimeout}</td><td>500 ms</td><td>longest wait for one Redis reply; then {@code STORE_UNAVAILABLE}</td></tr>
 * <tr><td>{@code connectTimeout}</td><td>1 s</td><td>longest wait for a TCP connect (first connect and reconnects)</td></tr>
 * <tr><td>{@code maxReconnectDelay}</td><td>1 s</td><td>cap of the exponential back-off between reconnect attempts</td></tr>
 * <tr><td>{@code nearCache}</td><td>on</td><td>local revocation cache invalidated through pub/sub</td></tr>
 * <tr><td>{@code nearCacheMaxEntries}</td><td>100,000</td><td>token ids and subjects held by the near-cache</td></tr>
 * <tr><td>{@code heartbeatInterval}</td><td>200 ms</td><td>how often an instance pings its own invalidation subscription</td></tr>
 * <tr><td>{@code maxStaleness}</td><td>1 s</td><td>the consistency bound: a cached "not revoked" is used only while the
 *     subscription has proven itself live within this time</td></tr>
 * <tr><td>{@code expiryMargin}</td><td>5 min</td><td>added to every revocation's {@code until}, covering the
 *     validators' clock skew (at most 5 min)</td></tr>
 * <tr><td>{@code rememberedRefreshHashes}</td><td>64</td><td>rotated refresh-token hashes each family keeps for reuse detection</td></tr>
 * <tr><td>{@code clock}</td><td>system UTC</td><td>turns {@code until} instants into key TTLs</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisStoresConfig {

    private static final RedisStoresConfig DEFAULTS = builder().build();

    private final String keyPrefix;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final Duration maxReconnectDelay;
    private final boolean nearCache;
    private final long nearCacheMaxEntries;
    private final Duration heartbeatInterval;
    private final Duration maxStaleness;
    private final Duration expiryMargin;
    private final int rememberedRefreshHashes;
    private final Clock clock;

    private RedisStoresConfig(Builder b) {
        this.keyPrefix = b.keyPrefix;
        this.commandTimeout = b.commandTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxReconnectDelay = b.maxReconnectDelay;
        this.nearCache = b.nearCache;
        this.nearCacheMaxEntries = b.nearCacheMaxEntries;
        this.heartbeatInterval = b.heartbeatInterval;
        this.maxStaleness = b.maxStaleness;
        this.expiryMargin = b.expiryMargin;
        this.rememberedRefreshHashes = b.rememberedRefreshHashes;
        this.clock = b.clock;
    }

    /**
     * The default settings (see the table above).
     *
     * @return the defaults
     */
    public static RedisStoresConfig defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings, to derive a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyPrefix = keyPrefix;
        b.commandTimeout = commandTimeout;
        b.connectTimeout = connectTimeout;
        b.maxReconnectDelay = maxReconnectDelay;
        b.nearCache = nearCache;
        b.nearCacheMaxEntries = nearCacheMaxEntries;
        b.heartbeatInterval = heartbeatInterval;
        b.maxStaleness = maxStaleness;
        b.expiryMargin = expiryMargin;
        b.rememberedRefreshHashes = rememberedRefreshHashes;
        b.clock = clock;
        return b;
    }

    /** The prefix of every key and channel, default {@code tokengate:}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** The longest wait for one Redis reply, default 500 ms. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** The longest wait for a TCP connect, default 1 s. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The cap of the back-off between reconnect attempts, default 1 s. */
    public Duration maxReconnectDelay() {
        return maxReconnectDelay;
    }

    /** Whether revocation checks use the local near-cache, default true. */
    public boolean nearCache() {
        return nearCache;
    }

    /** The most entries the near-cache holds, default 100,000. */
    public long nearCacheMaxEntries() {
        return nearCacheMaxEntries;
    }

    /** How often each instance sends a heartbeat through its invalidation subscription, default 200 ms. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** How old the last heartbeat may be for a cached "not revoked" to be trusted, default 1 s. */
    public Duration maxStaleness() {
        return maxStaleness;
    }

    /** What is added to every revocation's {@code until} to cover clock skew, default 5 minutes. */
    public Duration expiryMargin() {
        return expiryMargin;
    }

    /** How many rotated refresh-token hashes each family remembers, default 64. */
    public int rememberedRefreshHashes() {
        return rememberedRefreshHashes;
    }

    /** The clock that turns {@code until} instants into TTLs, default the system UTC clock. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "RedisStoresConfig[keyPrefix=" + keyPrefix + ", commandTimeout=" + commandTimeout + ", connectTimeout="
                + connectTimeout + ", maxReconnectDelay=" + maxReconnectDelay + ", nearCache=" + nearCache
                + ", nearCacheMaxEntries=" + nearCacheMaxEntries + ", heartbeatInterval=" + heartbeatInterval
                + ", maxStaleness=" + maxStaleness + ", expiryMargin=" + expiryMargin + ", rememberedRefreshHashes="
                + rememberedRefreshHashes + "]";
    }

    /** Builds a {@link RedisStoresConfig}; each setter rejects a bad value at once. Not thread-safe. */
    public static final class Builder {

        private String keyPrefix = "tokengate:";
        private Duration commandTimeout = Duration.ofMillis(500);
        private Duration connectTimeout = Duration.ofSeconds(1);
        private Duration maxReconnectDelay = Duration.ofSeconds(1);
        private boolean nearCache = true;
        private long nearCacheMaxEntries = 100_000;
        private Duration heartbeatInterval = Duration.ofMillis(200);
        private Duration maxStaleness = Duration.ofSeconds(1);
        private Duration expiryMargin = Duration.ofMinutes(5);
        private int rememberedRefreshHashes = 64;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the prefix of every key and channel, so that several applications can share one Redis.
         *
         * @param prefix a non-empty prefix without whitespace, e.g. {@code "billing:tokengate:"}
         * @return this builder
         * @throws IllegalArgumentException if the prefix is empty or holds whitespace
         */
        public Builder keyPrefix(String prefix) {
            if (prefix == null || prefix.isEmpty() || prefix.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("keyPrefix must be non-empty and hold no whitespace, was '" + prefix + "'");
            }
            this.keyPrefix = prefix;
            return this;
        }

        /**
         * Sets the longest wait for one Redis reply; a command that takes longer fails with
         * {@code STORE_UNAVAILABLE}.
         *
         * @param timeout between 1 ms and 1 minute
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = range("commandTimeout", timeout, Duration.ofMillis(1), Duration.ofMinutes(1));
            return this;
        }

        /**
         * Sets the longest wait for a TCP connect.
         *
         * @param timeout between 1 ms and 1 minute
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = range("connectTimeout", timeout, Duration.ofMillis(1), Duration.ofMinutes(1));
            return this;
        }

        /**
         * Sets the cap of the exponential back-off between reconnect attempts: after an outage,
         * the stores work again at most this long after Redis is back.
         *
         * @param delay between 10 ms and 1 minute
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxReconnectDelay(Duration delay) {
            this.maxReconnectDelay = range("maxReconnectDelay", delay, Duration.ofMillis(10), Duration.ofMinutes(1));
            return this;
        }

        /**
         * Turns the revocation near-cache on or off; off, every revocation check reads Redis.
         *
         * @param enabled whether to cache
         * @return this builder
         */
        public Builder nearCache(boolean enabled) {
            this.nearCache = enabled;
            return this;
        }

        /**
         * Sets the most entries (token ids plus subjects) the near-cache holds; beyond it the
         * least used are dropped and read from Redis again when needed.
         *
         * @param maxEntries at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder nearCacheMaxEntries(long maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("nearCacheMaxEntries must be at least 1, was " + maxEntries);
            }
            this.nearCacheMaxEntries = maxEntries;
            return this;
        }

        /**
         * Sets how often each instance publishes a heartbeat to its own invalidation
         * subscription, proving that invalidations still arrive.
         *
         * @param interval between 10 ms and 1 minute
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = range("heartbeatInterval", interval, Duration.ofMillis(10), Duration.ofMinutes(1));
            return this;
        }

        /**
         * Sets the consistency bound of the near-cache: a revocation that returned at time
         * {@code t} on any instance is honoured by every other instance from {@code t + maxStaleness}
         * at the latest, even if pub/sub messages are lost.
         *
         * @param bound between 20 ms and 10 minutes
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxStaleness(Duration bound) {
            this.maxStaleness = range("maxStaleness", bound, Duration.ofMillis(20), Duration.ofMinutes(10));
            return this;
        }

        /**
         * Sets what is added to each revocation's {@code until} before it becomes a key TTL, so
         * that a validator whose clock lags (or that allows clock skew) still finds the entry
         * while it would accept the token.
         *
         * @param margin between 0 and 1 day
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder expiryMargin(Duration margin) {
            this.expiryMargin = range("expiryMargin", margin, Duration.ZERO, Duration.ofDays(1));
            return this;
        }

        /**
         * Sets how many rotated refresh-token hashes a family remembers; presenting one of them is
         * detected as reuse and revokes the family.
         *
         * @param count between 1 and 10,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder rememberedRefreshHashes(int count) {
            if (count < 1 || count > 10_000) {
                throw new IllegalArgumentException("rememberedRefreshHashes must be between 1 and 10000, was " + count);
            }
            this.rememberedRefreshHashes = count;
            return this;
        }

        /**
         * Sets the clock that turns {@code until} instants into key TTLs.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalStateException if {@code maxStaleness} is less than twice {@code heartbeatInterval}
         */
        public RedisStoresConfig build() {
            if (nearCache && maxStaleness.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalStateException("maxStaleness (" + maxStaleness + ") must be at least twice heartbeatInterval ("
                        + heartbeatInterval + "): raise maxStaleness or lower heartbeatInterval");
            }
            return new RedisStoresConfig(this);
        }

        private static Duration range(String name, Duration d, Duration min, Duration max) {
            if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + d);
            }
            return d;
        }
    }
}
