package dev.tokengate.webhook;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64URL;
import dev.tokengate.core.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** Webhook secrets: generating Standard Webhooks {@code whsec_} secrets, and turning them into HS256 key rings. */
public final class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    /**
     * A fresh Standard Webhooks secret: {@code whsec_} followed by the base64 of 32 random bytes
     * (256 bits, enough for HS256 webhook tokens too).
     *
     * @return the secret; show it to the operator once, never log it
     */
    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Secret.WHSEC + Base64.getEncoder().encodeToString(b);
    }

    /**
     * A key ring of HS256 'oct' keys made from Standard Webhooks secrets, for sending and
     * validating {@link WebhookScheme#TOKEN} deliveries: the first secret signs, the others
     * (older ones during a rotation) only verify. Each key's {@code kid} is derived from its
     * secret by a one-way hash, so sender and receiver agree on it without configuring it.
     *
     * @param secret the current secret ({@code whsec_...}, at least 256 bits)
     * @param olderSecrets secrets still accepted
     * @return the key ring
     * @throws IllegalArgumentException (never naming a secret) if one is not a {@code whsec_}
     *     secret of at least 256 bits
     */
    public static KeyRing hmacKeyRing(String secret, String... olderSecrets) {
        KeyRing.Builder ring = KeyRing.builder();
        ring.add(octKey(secret));
        for (String s : olderSecrets) {
            ring.add(octKey(s));
        }
        return ring.build();
    }

    private static OctetSequenceKey octKey(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        byte[] bytes = Secret.standardBytes(secret);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("a webhook token secret has " + bytes.length
                    + " bytes; HS256 needs at least 32 (WebhookSecrets.generate() makes such secrets)");
        }
        MessageDigest sha = Codec.sha256();
        sha.update("tokengate webhook key id\0".getBytes(StandardCharsets.US_ASCII));
        byte[] digest = sha.digest(bytes);
        String kid = "whk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        return new OctetSequenceKey.Builder(Base64URL.encode(bytes))
                .keyID(kid).algorithm(JWSAlgorithm.HS256).keyUse(KeyUse.SIGNATURE).build();
    }
}
