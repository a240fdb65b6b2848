package dev.tokengate.redis;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Redis commands the stores use, with one failure policy: whatever goes wrong (not connected,
 * timeout, connection reset, an error reply) becomes a {@link TokenException} with
 * {@link ErrorCode#STORE_UNAVAILABLE}. Written against the command subset that standalone and
 * cluster connections share.
 */
final class Redis {

    /** A Lua script run by {@code EVALSHA}, falling back to {@code EVAL} when Redis answers {@code NOSCRIPT}. */
    record Script(String name, String source, String sha1) {

        static Script of(String name, String source) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
                return new Script(name, source, HexFormat.of().formatHex(d));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is missing from this JVM", e);
            }
        }
    }

    private final RedisClusterAsyncCommands<String, String> commands;
    private final long waitMillis;

    Redis(RedisClusterAsyncCommands<String, String> commands, Duration commandTimeout) {
        this.commands = commands;
        // Lettuce times the command out itself; this wait is only a backstop beyond that.
        this.waitMillis = commandTimeout.toMillis() + 250;
    }

    RedisClusterAsyncCommands<String, String> async() {
        return commands;
    }

    /** Runs a command and waits for its reply. */
    <T> T call(String op, java.util.function.Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        RedisFuture<T> f;
        try {
            f = command.apply(commands);
        } catch (RuntimeException e) {
            throw unavailable(op, e);
        }
        return await(op, f);
    }

    /** Runs a script, {@code EVALSHA} first and {@code EVAL} if the script is not cached on the server. */
    <T> T eval(Script script, ScriptOutputType type, String[] keys, String... args) {
        RedisFuture<T> f;
        try {
            f = commands.evalsha(script.sha1(), type, keys, args);
        } catch (RuntimeException e) {
            throw unavailable(script.name(), e);
        }
        try {
            return awaitRaw(f);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException) {
                return call(script.name(), c -> c.eval(script.source(), type, keys, args));
            }
            throw unavailable(script.name(), e.getCause());
        } catch (RuntimeException | TimeoutException | InterruptedException e) {
            throw unavailable(script.name(), e);
        }
    }

    <T> T await(String op, RedisFuture<T> f) {
        try {
            return awaitRaw(f);
        } catch (ExecutionException e) {
            throw unavailable(op, e.getCause());
        } catch (RuntimeException | TimeoutException | InterruptedException e) {
            throw unavailable(op, e);
        }
    }

    private <T> T awaitRaw(RedisFuture<T> f) throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return f.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    static TokenException unavailable(String op, Throwable e) {
        if (e instanceof TokenException t && t.code() == ErrorCode.STORE_UNAVAILABLE) {
            return t;
        }
        String why = e == null ? "unknown failure" : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new TokenException(ErrorCode.STORE_UNAVAILABLE, "redis " + op + " failed: " + why, e);
    }
}
