package dev.tokengate.redis;

import dev.tokengate.core.store.TokenUsage;
import dev.tokengate.core.store.UsageStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * Usage totals as hashes ({@code count}, {@code last} in epoch ms). A batch is one pipeline: one
 * small script per token (add the count, keep the later last-use, renew the TTL), written to a
 * connection of its own with auto-flush off and sent in chunks of {@value #CHUNK}.
 */
final class RedisUsageStore implements UsageStore {

    static final int CHUNK = 512;

    /** ARGV: count, last-use epoch ms, retention ms. */
    static final Redis.Script ADD = Redis.Script.of("usage record", """
            redis.call('HINCRBY', KEYS[1], 'count', ARGV[1])
            local last = redis.call('HGET', KEYS[1], 'last')
            if (not last) or tonumber(last) < tonumber(ARGV[2]) then
              redis.call('HSET', KEYS[1], 'last', ARGV[2])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    private final StatefulRedisConnection<String, String> batchConnection;
    private final Redis batch;
    private final Redis redis;
    private final Keys keys;

    RedisUsageStore(StatefulRedisConnection<String, String> batchConnection, Duration commandTimeout, Redis redis, Keys keys) {
        this.batchConnection = batchConnection;
        this.batch = new Redis(batchConnection.async(), commandTimeout);
        this.redis = redis;
        this.keys = keys;
        batchConnection.setAutoFlushCommands(false);
    }

    /**
     * Adds the batch. Not transactional: if Redis fails midway, the tokens written before the
     * failure keep their counts, and the caller's retry (as {@code UsageRecorder} does) counts them
     * again; usage totals are therefore at-least-once.
     */
    @Override
    public synchronized void record(Collection<TokenUsage> batchEntries, Duration retention) {
        String ttl = Long.toString(Keys.positiveMillis("retention", retention));
        List<TokenUsage> all = List.copyOf(batchEntries);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<TokenUsage> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            List<TokenUsage> retry = send(chunk, ttl, true);
            if (!retry.isEmpty()) {
                // the server lost its script cache (restart, SCRIPT FLUSH): EVAL loads it again
                send(retry, ttl, false);
            }
        }
    }

    /** Sends one pipelined chunk; answers the entries refused with NOSCRIPT (only when {@code sha}). */
    private List<TokenUsage> send(List<TokenUsage> chunk, String ttl, boolean sha) {
        List<RedisFuture<Long>> futures = new ArrayList<>(chunk.size());
        try {
            for (TokenUsage u : chunk) {
                String[] k = {keys.usage(u.tokenId())};
                String count = Long.toString(u.count());
                String last = Long.toString(u.lastUsed().toEpochMilli());
                futures.add(sha
                        ? batch.async().evalsha(ADD.sha1(), ScriptOutputType.INTEGER, k, count, last, ttl)
                        : batch.async().eval(ADD.source(), ScriptOutputType.INTEGER, k, count, last, ttl));
            }
        } finally {
            batchConnection.flushCommands();
        }
        List<TokenUsage> noScript = new ArrayList<>();
        RuntimeException failure = null;
        for (int i = 0; i < futures.size(); i++) {
            RedisFuture<Long> f = futures.get(i);
            try {
                batch.await("usage record", f);
            } catch (RuntimeException e) {
                if (sha && isNoScript(f)) {
                    noScript.add(chunk.get(i));
                } else if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return noScript;
    }

    private static boolean isNoScript(RedisFuture<Long> f) {
        if (!f.isDone()) {
            return false;
        }
        try {
            f.get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RedisNoScriptException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public TokenUsage find(String tokenId) {
        Objects.requireNonNull(tokenId, "tokenId");
        List<KeyValue<String, String>> v = redis.call("usage find", c -> c.hmget(keys.usage(tokenId), "count", "last"));
        if (v == null || v.size() != 2 || !v.get(0).hasValue() || !v.get(1).hasValue()) {
            return null;
        }
        try {
            return new TokenUsage(tokenId, Long.parseLong(v.get(0).getValue()),
                    Instant.ofEpochMilli(Long.parseLong(v.get(1).getValue())));
        } catch (RuntimeException e) {
            throw Redis.unavailable("usage find", new IllegalStateException("unreadable usage entry", e));
        }
    }
}
