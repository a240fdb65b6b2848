package dev.tokengate.redis;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.MessageIdStore;
import dev.tokengate.core.store.RefreshFamilyStore;
import dev.tokengate.core.store.RevocationStore;
import dev.tokengate.core.store.SingleUseStore;
import dev.tokengate.core.store.UsageStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tokengate store on one Redis, for several instances behind a load balancer: the entry
 * point of this module.
 *
 * <pre>{@code
 * try (RedisStores redis = RedisStores.connect("redis://127.0.0.1:6379")) {
 *     TokenValidator validator = TokenValidator.builder()
 *         .keys(keys).issuer(issuer).audience(audience)
 *         .revocations(redis.revocations())
 *         .apiKeys(redis.apiKeys())
 *         .build();
 *     // ... redis.refreshFamilies(), redis.singleUse(), redis.messageIds(), redis.usage()
 * }
 * }</pre>
 *
 * <p>One instance holds one Lettuce client with three connections (commands, usage batches,
 * and the pub/sub subscription of the revocation near-cache) and shares them between all stores.
 * Create it once per application and {@link #close()} it on shutdown.
 *
 * <p>Failure behaviour: each command waits at most {@link RedisStoresConfig#commandTimeout()};
 * while Redis cannot be reached every store operation fails at once with a {@link TokenException}
 * of code {@link ErrorCode#STORE_UNAVAILABLE} (commands are rejected, not queued), never with a
 * "not revoked" or "accepted". The client reconnects by itself (back-off capped at
 * {@link RedisStoresConfig#maxReconnectDelay()}) and the stores work again without a restart.
 *
 * <p>Consistency: see {@link RedisStoresConfig#maxStaleness()}; a revocation made through any
 * instance is honoured by every instance within that bound (1 s by default, usually a few ms).
 *
 * <p>Thread-safe.
 */
public final class RedisStores implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStores.class);

    private final RedisStoresConfig config;
    private final ClientResources resources;
    private final RedisClient client;
    private final String where;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisConnection<String, String> batchConnection;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile ScheduledFuture<?> heartbeat;
    private final NearCache near;

    private final RevocationStore revocations;
    private final RefreshFamilyStore refreshFamilies;
    private final ApiKeyStore apiKeys;
    private final RedisClaimStore singleUse;
    private final RedisClaimStore messageIds;
    private final UsageStore usage;

    private RedisStores(RedisURI uri, RedisStoresConfig config) {
        this.config = config;
        this.where = uri.getHost() != null ? uri.getHost() + ":" + uri.getPort() : "sentinel " + uri.getSentinelMasterId();
        Duration timeout = config.commandTimeout();
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), config.maxReconnectDelay(), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI u = RedisURI.builder(uri).withTimeout(timeout).build();
        this.client = RedisClient.create(resources, u);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                .build());
        Keys keys = new Keys(config.keyPrefix());
        this.near = config.nearCache()
                ? new NearCache(config.nearCacheMaxEntries(), config.maxStaleness(), System::nanoTime)
                : null;
        client.addListener(new ConnectionStates());
        try {
            this.connection = client.connect();
            this.batchConnection = client.connect();
            if (near != null) {
                subscribe(keys);
            }
        } catch (RuntimeException e) {
            shutdown();
            throw new TokenException(ErrorCode.STORE_UNAVAILABLE, "cannot connect to redis at " + where + ": " + e.getMessage(), e);
        }
        Redis redis = new Redis(connection.async(), timeout);
        this.revocations = new RedisRevocationStore(redis, keys, config, near);
        this.refreshFamilies = new RedisRefreshFamilyStore(redis, keys, config.rememberedRefreshHashes());
        this.apiKeys = new RedisApiKeyStore(redis, keys, config.clock());
        this.singleUse = new RedisClaimStore(redis, keys::singleUse, "single-use");
        this.messageIds = new RedisClaimStore(redis, keys::messageId, "message-id");
        this.usage = new RedisUsageStore(batchConnection, timeout, redis, keys);
        LOG.info("tokengate stores on redis at {} (key prefix '{}', near-cache {})", where, config.keyPrefix(),
                near == null ? "off" : "on, max staleness " + config.maxStaleness().toMillis() + " ms");
    }

    /**
     * Connects with the default settings.
     *
     * @param redisUri a Lettuce URI such as {@code redis://127.0.0.1:6379}, {@code rediss://user:pw@host:6380/0}
     *     or {@code redis-sentinel://host:26379#mymaster}
     * @return the stores, connected
     * @throws IllegalArgumentException if the URI cannot be parsed
     * @throws TokenException with {@code STORE_UNAVAILABLE} if Redis cannot be reached now
     */
    public static RedisStores connect(String redisUri) {
        return connect(redisUri, RedisStoresConfig.defaults());
    }

    /**
     * Connects.
     *
     * @param redisUri a Lettuce URI such as {@code redis://127.0.0.1:6379}
     * @param config the settings
     * @return the stores, connected
     * @throws IllegalArgumentException if the URI cannot be parsed
     * @throws TokenException with {@code STORE_UNAVAILABLE} if Redis cannot be reached now
     */
    public static RedisStores connect(String redisUri, RedisStoresConfig config) {
        RedisURI uri;
        try {
            uri = RedisURI.create(Objects.requireNonNull(redisUri, "redisUri"));
        } catch (RuntimeException e) {
            // the message of a parse failure may echo the URI, password included: do not repeat it
            throw new IllegalArgumentException("redisUri is not a valid Redis URI (redis://host:port, rediss://..., "
                    + "redis-sentinel://...): " + e.getClass().getSimpleName());
        }
        return connect(uri, config);
    }

    /**
     * Connects; the URI carries host, port, database, credentials and TLS. Its timeout is
     * replaced by {@link RedisStoresConfig#commandTimeout()}.
     *
     * @param uri the Redis URI
     * @param config the settings
     * @return the stores, connected
     * @throws TokenException with {@code STORE_UNAVAILABLE} if Redis cannot be reached now
     */
    public static RedisStores connect(RedisURI uri, RedisStoresConfig config) {
        return new RedisStores(Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(config, "config"));
    }

    /** The revocation store, with the near-cache when it is on. */
    public RevocationStore revocations() {
        return revocations;
    }

    /** The refresh-family store (atomic rotate and revoke by Lua script). */
    public RefreshFamilyStore refreshFamilies() {
        return refreshFamilies;
    }

    /** The API-key record store. */
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    /** The single-use id store ({@code SET NX PX}). */
    public SingleUseStore singleUse() {
        return singleUse;
    }

    /** The webhook message-id store ({@code SET NX PX}). */
    public MessageIdStore messageIds() {
        return messageIds;
    }

    /** The usage store (pipelined batches). */
    public UsageStore usage() {
        return usage;
    }

    /** The settings in use. */
    public RedisStoresConfig config() {
        return config;
    }

    /** Closes the connections and releases the client's threads. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutdown();
            LOG.info("tokengate stores on redis at {} closed", where);
        }
    }

    /** The near-cache, or null when off; for tests. */
    NearCache nearCache() {
        return near;
    }

    private void subscribe(Keys keys) {
        String instance = HexFormat.of().formatHex(randomBytes());
        String revocationChannel = keys.revocationChannel();
        String heartbeatChannel = keys.heartbeatChannel(instance);
        StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        this.subscription = sub;
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals(revocationChannel)) {
                    near.onRevocation(message);
                } else if (channel.equals(heartbeatChannel)) {
                    try {
                        near.onHeartbeat(Long.parseLong(message));
                    } catch (NumberFormatException e) {
                        LOG.warn("ignored a malformed heartbeat on {}", heartbeatChannel);
                    }
                }
            }
        });
        sub.sync().subscribe(revocationChannel, heartbeatChannel);
        long every = config.heartbeatInterval().toNanos();
        this.heartbeat = resources.eventExecutorGroup().scheduleAtFixedRate(() -> {
            StatefulRedisConnection<String, String> c = connection;
            if (c != null && c.isOpen()) {
                // fire and forget: a lost heartbeat only makes the near-cache fall back to Redis reads
                c.async().publish(heartbeatChannel, Long.toString(near.now()));
            }
        }, 0, every, TimeUnit.NANOSECONDS);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private void shutdown() {
        ScheduledFuture<?> hb = heartbeat;
        if (hb != null) {
            hb.cancel(false);
        }
        closeQuietly(subscription);
        closeQuietly(batchConnection);
        closeQuietly(connection);
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debug("redis client shutdown: {}", e.toString());
        }
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("redis client resources shutdown: {}", e.toString());
        }
    }

    private static void closeQuietly(StatefulRedisConnection<?, ?> c) {
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a redis connection: {}", e.toString());
            }
        }
    }

    /** Logs connection changes and tells the near-cache when its subscription drops. */
    private final class ConnectionStates implements RedisConnectionStateListener {

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
            if (handler == subscription || handler == connection) {
                LOG.info("redis connection to {} (re)established", where);
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            if (closed.get()) {
                return;
            }
            if (handler == subscription && near != null) {
                near.onDisconnected();
                LOG.warn("redis subscription to {} lost: revocation checks read Redis directly until it is back", where);
            } else if (handler == connection) {
                LOG.warn("redis connection to {} lost: store operations fail with STORE_UNAVAILABLE until it is back", where);
            }
        }
    }
}
