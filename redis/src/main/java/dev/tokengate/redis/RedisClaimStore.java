package dev.tokengate.redis;

import dev.tokengate.core.store.MessageIdStore;
import dev.tokengate.core.store.SingleUseStore;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** First claim wins, across instances: {@code SET key 1 NX PX ttl}. Backs single-use ids and webhook message ids. */
final class RedisClaimStore implements SingleUseStore, MessageIdStore {

    private final Redis redis;
    private final UnaryOperator<String> key;
    private final String what;

    RedisClaimStore(Redis redis, UnaryOperator<String> key, String what) {
        this.redis = redis;
        this.key = key;
        this.what = what;
    }

    @Override
    public boolean claim(String id, Duration ttl) {
        Objects.requireNonNull(id, "id");
        long ms = Keys.positiveMillis("ttl", ttl);
        String k = key.apply(id);
        // "OK" when set, null when the key existed
        return "OK".equals(redis.call(what + " claim", c -> c.set(k, "1", SetArgs.Builder.nx().px(ms))));
    }
}
