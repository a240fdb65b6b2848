package dev.tokengate.redis;

import dev.tokengate.core.store.ApiKeyRecord;
import dev.tokengate.core.store.ApiKeyStore;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.util.Objects;

/** API-key records as JSON strings that expire at the record's {@code expiresAt}. */
final class RedisApiKeyStore implements ApiKeyStore {

    private final Redis redis;
    private final Keys keys;
    private final Clock clock;

    RedisApiKeyStore(Redis redis, Keys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void save(ApiKeyRecord record) {
        Objects.requireNonNull(record, "record");
        long ms = Keys.millisUntil(clock, record.expiresAt());
        String k = keys.apiKey(record.keyHash());
        if (ms <= 0) {
            // already expired: like the in-memory store, it is not kept (and no older copy survives)
            redis.call("api-key save", c -> c.del(k));
            return;
        }
        String json = Json.apiKey(record);
        redis.call("api-key save", c -> c.set(k, json, SetArgs.Builder.px(Math.min(ms, Keys.MAX_TTL_MILLIS))));
    }

    @Override
    public ApiKeyRecord find(String keyHash) {
        Objects.requireNonNull(keyHash, "keyHash");
        String json = redis.call("api-key find", c -> c.get(keys.apiKey(keyHash)));
        if (json == null) {
            return null;
        }
        ApiKeyRecord r = Json.apiKey(json);
        // Redis expires the key on its own clock; on ours the record may have expired a little earlier
        return clock.instant().isBefore(r.expiresAt()) ? r : null;
    }

    @Override
    public boolean delete(String keyHash) {
        Objects.requireNonNull(keyHash, "keyHash");
        Long n = redis.call("api-key delete", c -> c.del(keys.apiKey(keyHash)));
        return n != null && n > 0;
    }
}
