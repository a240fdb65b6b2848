package dev.tokengate.redis;

import dev.tokengate.core.store.RefreshFamily;
import dev.tokengate.core.store.RefreshFamilyStore;
import dev.tokengate.core.store.RotateOutcome;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Refresh families as a hash ({@code data}, {@code current}, {@code revoked}) plus a capped list
 * of rotated hashes, both under the hash tag {@code {familyId}}. Create, rotate and revoke are Lua
 * scripts, so each is atomic across every instance, not only across threads.
 */
final class RedisRefreshFamilyStore implements RefreshFamilyStore {

    static final Redis.Script CREATE = Redis.Script.of("refresh-family create", """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('DEL', KEYS[2])
            redis.call('HSET', KEYS[1], 'data', ARGV[1], 'current', ARGV[2], 'revoked', '0')
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    /** ARGV: presented hash, new hash, ttl ms, remembered hashes. */
    static final Redis.Script ROTATE = Redis.Script.of("refresh-family rotate", """
            local current = redis.call('HGET', KEYS[1], 'current')
            if not current then return 'UNKNOWN' end
            if redis.call('HGET', KEYS[1], 'revoked') == '1' then return 'REVOKED' end
            if current == ARGV[1] then
              redis.call('HSET', KEYS[1], 'current', ARGV[2])
              redis.call('LPUSH', KEYS[2], ARGV[1])
              redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              redis.call('PEXPIRE', KEYS[2], ARGV[3])
              return 'ROTATED'
            end
            for _, old in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
              if old == ARGV[1] then
                redis.call('HSET', KEYS[1], 'revoked', '1')
                return 'REUSED'
              end
            end
            return 'UNKNOWN'
            """);

    static final Redis.Script REVOKE = Redis.Script.of("refresh-family revoke", """
            local revoked = redis.call('HGET', KEYS[1], 'revoked')
            if (not revoked) or revoked == '1' then return 0 end
            redis.call('HSET', KEYS[1], 'revoked', '1')
            return 1
            """);

    private final Redis redis;
    private final Keys keys;
    private final String remembered;

    RedisRefreshFamilyStore(Redis redis, Keys keys, int rememberedHashes) {
        this.redis = redis;
        this.keys = keys;
        this.remembered = Integer.toString(rememberedHashes);
    }

    @Override
    public void create(RefreshFamily family, Duration ttl) {
        Objects.requireNonNull(family, "family");
        long ms = Keys.positiveMillis("ttl", ttl);
        Long created = redis.eval(CREATE, ScriptOutputType.INTEGER, familyKeys(family.familyId()),
                Json.familyData(family), family.currentHash(), Long.toString(ms));
        if (created == null || created != 1L) {
            throw new IllegalStateException("refresh family '" + family.familyId() + "' exists already");
        }
    }

    @Override
    public RefreshFamily find(String familyId) {
        Objects.requireNonNull(familyId, "familyId");
        List<KeyValue<String, String>> v = redis.call("refresh-family find",
                c -> c.hmget(keys.family(familyId), "data", "current", "revoked"));
        if (v == null || v.size() != 3 || !v.get(0).hasValue() || !v.get(1).hasValue()) {
            return null;
        }
        return Json.family(familyId, v.get(0).getValue(), v.get(1).getValue(),
                "1".equals(v.get(2).getValueOrElse("0")));
    }

    @Override
    public RotateOutcome rotate(String familyId, String presentedHash, String newHash, Duration ttl) {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(presentedHash, "presentedHash");
        Objects.requireNonNull(newHash, "newHash");
        long ms = Keys.positiveMillis("ttl", ttl);
        String outcome = redis.eval(ROTATE, ScriptOutputType.VALUE, familyKeys(familyId),
                presentedHash, newHash, Long.toString(ms), remembered);
        try {
            return RotateOutcome.valueOf(String.valueOf(outcome));
        } catch (IllegalArgumentException e) {
            throw Redis.unavailable("refresh-family rotate", new IllegalStateException("unexpected script reply " + outcome));
        }
    }

    @Override
    public boolean revoke(String familyId) {
        Objects.requireNonNull(familyId, "familyId");
        Long n = redis.eval(REVOKE, ScriptOutputType.INTEGER, new String[] {keys.family(familyId)});
        return n != null && n == 1L;
    }

    private String[] familyKeys(String familyId) {
        return new String[] {keys.family(familyId), keys.rotated(familyId)};
    }
}
