/**
 * The tokengate store interfaces on Redis (Lettuce), for several instances behind a load
 * balancer: start with {@link dev.tokengate.redis.RedisStores#connect(String)}.
 *
 * <p>Revocations, refresh-token families (atomic rotation by Lua script), API-key records,
 * single-use ids and webhook message ids ({@code SET NX PX}) and usage counters (pipelined
 * batches), every key under a configurable prefix and with a TTL tied to the token it serves.
 * Revocation checks go through a local near-cache invalidated by pub/sub, with a bounded
 * staleness ({@link dev.tokengate.redis.RedisStoresConfig#maxStaleness()}, 1 s by default).
 * When Redis cannot be reached every operation fails with
 * {@link dev.tokengate.core.ErrorCode#STORE_UNAVAILABLE}; the client reconnects by itself.
 */
package dev.tokengate.redis;
