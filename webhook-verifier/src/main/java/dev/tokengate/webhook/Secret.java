package dev.tokengate.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key derived from one configured secret, as its scheme reads it. Prints {@code ***}:
 * the secret never reaches a log line, an exception message or a {@code toString}.
 */
final class Secret {

    static final String WHSEC = "whsec_";
    static final int MIN_BYTES = 16;

    private final SecretKeySpec key;
    /** Initialized once and never updated: each call clones it, which skips provider lookup and key setup. */
    private final Mac prototype;

    private Secret(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, Codec.HMAC_SHA256);
        this.prototype = Codec.mac(key);
    }

    SecretKeySpec key() {
        return key;
    }

    /** A fresh HMAC-SHA256 keyed with this secret, for one call (a {@code Mac} is not thread-safe). */
    Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return Codec.mac(key);
        }
    }

    /**
     * Derives the key bytes of {@code secret} for {@code scheme}.
     *
     * @throws IllegalArgumentException (never naming the secret) if it does not suit the scheme
     */
    static Secret forScheme(WebhookScheme scheme, String secret) {
        byte[] bytes = switch (scheme) {
            case STANDARD -> standardBytes(secret);
            case GITHUB, STRIPE, SLACK, SHOPIFY -> secret.getBytes(StandardCharsets.UTF_8);
            case TOKEN -> throw new IllegalArgumentException(
                    "the TOKEN scheme takes no secret: give it a TokenValidator built on WebhookSecrets.hmacKeyRing(...)");
        };
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("a " + scheme + " secret has " + bytes.length
                    + " bytes; at least " + MIN_BYTES + " are required");
        }
        return new Secret(bytes);
    }

    /**
     * The bytes of a Standard Webhooks secret: base64 after the exact prefix {@code whsec_}
     * (a secret without the prefix is read as base64, as the reference libraries do).
     */
    static byte[] standardBytes(String secret) {
        String b64 = secret.startsWith(WHSEC) ? secret.substring(WHSEC.length()) : secret;
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Standard Webhooks secret: expected 'whsec_' followed by base64");
        }
    }

    @Override
    public String toString() {
        return "***";
    }
}
