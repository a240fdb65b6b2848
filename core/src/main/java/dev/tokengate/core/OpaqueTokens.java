package dev.tokengate.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The two opaque token formats, their checksums and hashes.
 *
 * <ul>
 * <li>API key: {@code tg_<env>_<27 base62 random chars (160.7 bits)><6 base62 chars: CRC-32 of
 *     everything before>}; {@code env} is 1-16 of {@code [a-z0-9]}.</li>
 * <li>Refresh token: {@code tgr_<22 base62 family id>_<43 base62 secret (256 bits)>}.</li>
 * </ul>
 * Neither has a dot, so neither can ever parse as a JWS; neither is stored, only its SHA-256 hash.
 */
final class OpaqueTokens {

    static final String API_KEY_PREFIX = "tg_";
    static final String REFRESH_PREFIX = "tgr_";
    static final int API_KEY_RANDOM = 27;
    static final int API_KEY_CHECKSUM = 6;
    static final int FAMILY_ID = 22;
    static final int REFRESH_SECRET = 43;

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueTokens() {
    }

    static String randomBase62(int chars) {
        char[] out = new char[chars];
        for (int i = 0; i < chars; i++) {
            out[i] = BASE62[RANDOM.nextInt(62)];
        }
        return new String(out);
    }

    static boolean validEnvironment(String env) {
        if (env == null || env.isEmpty() || env.length() > 16) {
            return false;
        }
        for (int i = 0; i < env.length(); i++) {
            char c = env.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    static String newApiKey(String env) {
        String body = API_KEY_PREFIX + env + "_" + randomBase62(API_KEY_RANDOM);
        return body + checksum(body);
    }

    /** Whether a presented token is meant to be an API key (it may still be malformed). */
    static boolean looksLikeApiKey(String token) {
        return token.startsWith(API_KEY_PREFIX);
    }

    /**
     * Checks an API key's shape and checksum without any lookup.
     *
     * @return null if well formed, else the reason (never holding the key)
     */
    static String apiKeyProblem(String key) {
        int sep = key.indexOf('_', API_KEY_PREFIX.length());
        if (sep < 0 || !validEnvironment(key.substring(API_KEY_PREFIX.length(), sep))) {
            return "API key has no valid environment tag";
        }
        int tail = key.length() - sep - 1;
        if (tail != API_KEY_RANDOM + API_KEY_CHECKSUM) {
            return "API key has " + tail + " characters after its prefix; expected " + (API_KEY_RANDOM + API_KEY_CHECKSUM);
        }
        for (int i = sep + 1; i < key.length(); i++) {
            if (!isBase62(key.charAt(i))) {
                return "API key holds a character outside base62";
            }
        }
        int split = key.length() - API_KEY_CHECKSUM;
        byte[] expected = checksum(key.substring(0, split)).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = key.substring(split).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return "API key checksum does not match (a typo, or not a key issued here)";
        }
        return null;
    }

    /** {@code tg_live_…x7Qa}: the prefix and the last 4 characters; safe to log. Assumes a checked shape. */
    static String apiKeyHint(String key) {
        int sep = key.indexOf('_', API_KEY_PREFIX.length());
        if (sep < 0 || sep > 20 || key.length() < sep + 5) {
            return API_KEY_PREFIX + "…";
        }
        return key.substring(0, sep + 1) + "…" + key.substring(key.length() - 4);
    }

    static String newRefreshToken(String familyId) {
        return REFRESH_PREFIX + familyId + "_" + randomBase62(REFRESH_SECRET);
    }

    /** The family id of a well-formed refresh token, or {@code null}. */
    static String refreshFamily(String token) {
        if (token == null || token.length() != REFRESH_PREFIX.length() + FAMILY_ID + 1 + REFRESH_SECRET
                || !token.startsWith(REFRESH_PREFIX) || token.charAt(REFRESH_PREFIX.length() + FAMILY_ID) != '_') {
            return null;
        }
        for (int i = REFRESH_PREFIX.length(); i < token.length(); i++) {
            if (i != REFRESH_PREFIX.length() + FAMILY_ID && !isBase62(token.charAt(i))) {
                return null;
            }
        }
        return token.substring(REFRESH_PREFIX.length(), REFRESH_PREFIX.length() + FAMILY_ID);
    }

    /** SHA-256 of the whole token, base64url without padding: what stores hold. */
    static String hash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        char[] out = new char[API_KEY_CHECKSUM];
        for (int i = API_KEY_CHECKSUM - 1; i >= 0; i--) {
            out[i] = BASE62[(int) (v % 62)];
            v /= 62;
        }
        return new String(out);
    }
}
