package dev.tokengate.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The key layout, in one place (P is the configured prefix):
 * <pre>
 * P revoked:jti:ID            string "1"                  PX until + margin
 * P revoked:sub:SUBJECT       string cut-off (epoch µs)    PX max(until + margin, existing)
 * P refresh:{FAMILY}          hash data/current/revoked    PX ttl (renewed by each rotation)
 * P refresh:{FAMILY}:rotated  list of rotated hashes       PX same as the family
 * P apikey:KEYHASH            string JSON record           PX until expiresAt
 * P once:ID                   string "1", SET NX           PX ttl
 * P webhook:MESSAGEID         string "1", SET NX           PX ttl
 * P usage:ID                  hash count/last              PX retention
 * P revocations               pub/sub channel: "j:ID" or "s:SUBJECT"
 * P revocations:heartbeat:N   pub/sub channel of instance N's heartbeats
 * </pre>
 * The two refresh keys share the hash tag {@code {FAMILY}}, so the rotation script touches one
 * cluster slot. Every other operation touches one key.
 */
final class Keys {

    final String prefix;

    Keys(String prefix) {
        this.prefix = prefix;
    }

    String revokedId(String id) {
        return prefix + "revoked:jti:" + id;
    }

    String revokedSubject(String subject) {
        return prefix + "revoked:sub:" + subject;
    }

    String family(String familyId) {
        return prefix + "refresh:{" + familyId + "}";
    }

    String rotated(String familyId) {
        return prefix + "refresh:{" + familyId + "}:rotated";
    }

    String apiKey(String keyHash) {
        return prefix + "apikey:" + keyHash;
    }

    String singleUse(String id) {
        return prefix + "once:" + id;
    }

    String messageId(String id) {
        return prefix + "webhook:" + id;
    }

    String usage(String id) {
        return prefix + "usage:" + id;
    }

    String revocationChannel() {
        return prefix + "revocations";
    }

    String heartbeatChannel(String instance) {
        return prefix + "revocations:heartbeat:" + instance;
    }

    /** Milliseconds from now until {@code until}; zero or less when it has passed. */
    static long millisUntil(Clock clock, Instant until) {
        long now = clock.millis();
        long end;
        try {
            end = until.toEpochMilli();
        } catch (ArithmeticException e) {
            end = until.isBefore(Instant.EPOCH) ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
        return end - now;
    }

    /** A positive TTL in milliseconds, or IllegalArgumentException naming the argument. */
    static long positiveMillis(String name, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + ttl);
        }
        long ms;
        try {
            ms = ttl.toMillis();
        } catch (ArithmeticException e) {
            ms = Long.MAX_VALUE;
        }
        return Math.max(1, Math.min(ms, MAX_TTL_MILLIS));
    }

    /** Redis accepts any 64-bit PX, but beyond ~100 years a TTL is a bug; cap it there. */
    static final long MAX_TTL_MILLIS = Duration.ofDays(36_500).toMillis();
}
