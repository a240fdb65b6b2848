package dev.tokengate.redis;

import dev.tokengate.core.store.RevocationStore;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Revocations on Redis: {@code revoked:jti:ID} and {@code revoked:sub:SUBJECT} strings, each
 * written together with its invalidation message by one script. Checks go through the
 * {@link NearCache} when there is one; what it cannot answer is read with at most two pipelined
 * {@code GET}s (one round trip).
 */
final class RedisRevocationStore implements RevocationStore {

    /** KEYS: the id key. ARGV: ttl ms, channel, message. */
    static final Redis.Script REVOKE = Redis.Script.of("revoke", """
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
            redis.call('PUBLISH', ARGV[2], ARGV[3])
            return 1
            """);

    /**
     * KEYS: the subject key. ARGV: cut-off (epoch µs), ttl ms, channel, message. The cut-off only
     * grows and the TTL only lengthens. Values stay strings: Lua would print a large number as 1.7e+15.
     */
    static final Redis.Script REVOKE_SUBJECT = Redis.Script.of("revoke subject", """
            local cut = ARGV[1]
            local old = redis.call('GET', KEYS[1])
            if old and tonumber(old) > tonumber(cut) then cut = old end
            local ttl = ARGV[2]
            local pttl = redis.call('PTTL', KEYS[1])
            if pttl > tonumber(ttl) then ttl = pttl end
            redis.call('SET', KEYS[1], cut, 'PX', ttl)
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            return cut
            """);

    /** Cut-offs are kept in epoch microseconds: exact in Lua's doubles until the year 2255. */
    private static final long MAX_MICROS = 1L << 53;

    private final Redis redis;
    private final Keys keys;
    private final Clock clock;
    private final long marginMillis;
    private final String channel;
    private final NearCache near;

    RedisRevocationStore(Redis redis, Keys keys, RedisStoresConfig config, NearCache near) {
        this.redis = redis;
        this.keys = keys;
        this.clock = config.clock();
        this.marginMillis = config.expiryMargin().toMillis();
        this.channel = keys.revocationChannel();
        this.near = near;
    }

    @Override
    public void revoke(String tokenId, Instant until) {
        Objects.requireNonNull(tokenId, "tokenId");
        long ttl = ttl(Objects.requireNonNull(until, "until"));
        if (ttl <= 0) {
            return;   // the token expired (beyond the margin) already: nothing left to refuse
        }
        redis.eval(REVOKE, ScriptOutputType.INTEGER, new String[] {keys.revokedId(tokenId)},
                Long.toString(ttl), channel, "j:" + tokenId);
        if (near != null) {
            near.putRevoked("j:" + tokenId);
        }
    }

    @Override
    public void revokeSubject(String subject, Instant issuedBefore, Instant until) {
        Objects.requireNonNull(subject, "subject");
        long cut = ceilMicros(Objects.requireNonNull(issuedBefore, "issuedBefore"));
        long ttl = ttl(Objects.requireNonNull(until, "until"));
        if (ttl <= 0) {
            return;
        }
        redis.eval(REVOKE_SUBJECT, ScriptOutputType.VALUE, new String[] {keys.revokedSubject(subject)},
                Long.toString(cut), Long.toString(ttl), channel, "s:" + subject);
        if (near != null) {
            // this instance sees its own revocation at once, not when its pub/sub message comes back
            near.forget("s:" + subject);
        }
    }

    @Override
    public boolean isRevoked(String tokenId, String subject, Instant issuedAt) {
        boolean bySubject = subject != null && issuedAt != null;
        if (tokenId == null && !bySubject) {
            return false;
        }
        NearCache.Ticket idTicket = null;
        NearCache.Ticket subjectTicket = null;
        if (near != null) {
            boolean fresh = near.fresh();
            long epoch = near.epoch();
            boolean idKnown = tokenId == null;
            if (!idKnown) {
                NearCache.Entry e = near.get("j:" + tokenId);
                if (e != null && e.value() == NearCache.REVOKED) {
                    return true;
                }
                idKnown = e != null && fresh && e.epoch() == epoch;
            }
            boolean subjectKnown = !bySubject;
            if (!subjectKnown) {
                NearCache.Entry e = near.get("s:" + subject);
                if (e != null && e.value() != NearCache.NO_CUT && revokedBy(issuedAt, e.value())) {
                    return true;
                }
                subjectKnown = e != null && fresh && e.epoch() == epoch;
            }
            if (idKnown && subjectKnown) {
                return false;
            }
            idTicket = idKnown ? null : near.ticket("j:" + tokenId);
            subjectTicket = subjectKnown ? null : near.ticket("s:" + subject);
            if (idTicket == null) {
                tokenId = null;
            }
            if (subjectTicket == null) {
                bySubject = false;
            }
        }
        String id = tokenId;
        // both GETs leave before either reply is awaited: one round trip
        RedisFuture<String> idRead = id == null ? null : start("revocation check", () -> redis.async().get(keys.revokedId(id)));
        RedisFuture<String> subjectRead = !bySubject ? null
                : start("revocation check", () -> redis.async().get(keys.revokedSubject(subject)));
        boolean revoked = false;
        if (idRead != null) {
            boolean r = redis.await("revocation check", idRead) != null;
            if (near != null) {
                if (r) {
                    near.putRevoked("j:" + id);
                } else {
                    near.putChecked(idTicket, NearCache.NOT_REVOKED);
                }
            }
            revoked = r;
        }
        if (subjectRead != null) {
            String v = redis.await("revocation check", subjectRead);
            long cut;
            try {
                cut = v == null ? NearCache.NO_CUT : Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw Redis.unavailable("revocation check", new IllegalStateException("unreadable subject cut-off", e));
            }
            if (near != null) {
                near.putChecked(subjectTicket, cut);
            }
            revoked |= cut != NearCache.NO_CUT && revokedBy(issuedAt, cut);
        }
        return revoked;
    }

    private static RedisFuture<String> start(String op, java.util.function.Supplier<RedisFuture<String>> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            throw Redis.unavailable(op, e);
        }
    }

    private long ttl(Instant until) {
        long ms = Keys.millisUntil(clock, until);
        return Math.min(Keys.MAX_TTL_MILLIS, ms + marginMillis);
    }

    /** Strictly before the cut-off. */
    static boolean revokedBy(Instant issuedAt, long cutMicros) {
        long s = Math.floorDiv(cutMicros, 1_000_000L);
        long nanos = Math.floorMod(cutMicros, 1_000_000L) * 1_000L;
        return issuedAt.isBefore(Instant.ofEpochSecond(s, nanos));
    }

    /**
     * The instant in epoch microseconds, rounded up: a cut-off with nanoseconds beyond the
     * microsecond revokes at most one microsecond more, never less.
     */
    static long ceilMicros(Instant t) {
        long s = t.getEpochSecond();
        if (Math.abs(s) > MAX_MICROS / 1_000_000L) {
            throw new IllegalArgumentException("issuedBefore must be within 285 years of 1970, was " + t);
        }
        return s * 1_000_000L + (t.getNano() + 999) / 1_000;
    }
}
