package dev.tokengate.webhook;

import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Signs outgoing webhook deliveries: computes the headers to send with a body.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.builder()
 *     .secret(newSecret)          // during a rotation: both secrets, each gets a v1 signature
 *     .secret(oldSecret)
 *     .build();                   // scheme STANDARD by default
 * Map<String, String> headers = signer.sign(WebhookSigner.newMessageId(), body);
 * // webhook-id, webhook-timestamp, webhook-signature: "v1,<new> v1,<old>"
 * }</pre>
 *
 * <p>{@link WebhookScheme#STANDARD} and {@link WebhookScheme#STRIPE} sign with every configured
 * secret (one {@code v1} signature each), so receivers that know either the old or the new
 * secret accept the delivery during a rotation; the other HMAC schemes carry one signature and
 * take one secret. {@link WebhookScheme#TOKEN} attaches a {@code WEBHOOK_VERIFICATION} token
 * from a core {@link TokenIssuer} instead. Immutable and thread-safe.
 */
public final class WebhookSigner {

    private final WebhookScheme scheme;
    private final List<Secret> secrets;
    private final Clock clock;
    private final TokenIssuer tokenIssuer;
    private final String audience;
    private final String subject;
    private final Duration tokenLifetime;

    private WebhookSigner(Builder b, List<Secret> secrets) {
        this.scheme = b.scheme;
        this.secrets = List.copyOf(secrets);
        this.clock = b.clock;
        this.tokenIssuer = b.tokenIssuer;
        this.audience = b.audience;
        this.subject = b.subject != null ? b.subject : b.tokenIssuer == null ? null : b.tokenIssuer.issuer();
        this.tokenLifetime = b.tokenLifetime;
    }

    /** A builder; scheme defaults to {@link WebhookScheme#STANDARD}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A fresh message id: {@code msg_} and 128 random bits, base64url. */
    public static String newMessageId() {
        return "msg_" + TokenIssuer.newTokenId();
    }

    /**
     * Signs a body with the clock's current time.
     *
     * @param messageId the message id (used by {@code STANDARD} and {@code TOKEN}; keep it
     *     across retries of one message)
     * @param body the exact bytes to send
     * @return the headers to send, in a stable order
     */
    public Map<String, String> sign(String messageId, byte[] body) {
        return sign(messageId, Instant.ofEpochSecond(clock.instant().getEpochSecond()), body);
    }

    /**
     * Signs a body with a given timestamp.
     *
     * @param messageId the message id (used by {@code STANDARD} and {@code TOKEN}; ignored by
     *     the others): 1 to 256 visible ASCII characters
     * @param timestamp the delivery time, whole seconds since the epoch are used
     * @param body the exact bytes to send
     * @return the headers to send, in a stable order
     * @throws IllegalArgumentException if the message id is not 1 to 256 visible ASCII characters
     *     or the timestamp is before the epoch
     */
    public Map<String, String> sign(String messageId, Instant timestamp, byte[] body) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timestamp, "timestamp");
        if (timestamp.getEpochSecond() < 0) {
            throw new IllegalArgumentException("timestamp must not be before the epoch, was " + timestamp);
        }
        String ts = Long.toString(timestamp.getEpochSecond());
        Map<String, String> h = new LinkedHashMap<>();
        switch (scheme) {
            case STANDARD -> {
                String id = checkId(messageId);
                List<String> sigs = new ArrayList<>();
                for (Secret s : secrets) {
                    sigs.add("v1," + Base64.getEncoder().encodeToString(
                            mac(s, (id + "." + ts + ".").getBytes(StandardCharsets.US_ASCII), body)));
                }
                h.put("webhook-id", id);
                h.put("webhook-timestamp", ts);
                h.put("webhook-signature", String.join(" ", sigs));
            }
            case GITHUB -> h.put(HmacWebhookVerifier.GITHUB_SIGNATURE, "sha256=" + Codec.hex(mac(secrets.get(0), new byte[0], body)));
            case STRIPE -> {
                StringBuilder sb = new StringBuilder("t=").append(ts);
                for (Secret s : secrets) {
                    sb.append(",v1=").append(Codec.hex(mac(s, (ts + ".").getBytes(StandardCharsets.US_ASCII), body)));
                }
                h.put(HmacWebhookVerifier.STRIPE_SIGNATURE, sb.toString());
            }
            case SLACK -> {
                h.put(HmacWebhookVerifier.SLACK_TIMESTAMP, ts);
                h.put(HmacWebhookVerifier.SLACK_SIGNATURE,
                        "v0=" + Codec.hex(mac(secrets.get(0), ("v0:" + ts + ":").getBytes(StandardCharsets.US_ASCII), body)));
            }
            case SHOPIFY -> h.put(HmacWebhookVerifier.SHOPIFY_SIGNATURE,
                    Base64.getEncoder().encodeToString(mac(secrets.get(0), new byte[0], body)));
            case TOKEN -> {
                String id = checkId(messageId);
                byte[] hash = Codec.sha256().digest(body);
                String token = tokenIssuer.issue(TechnicalToken.builder()
                        .type(TokenType.WEBHOOK_VERIFICATION)
                        .expiration(tokenLifetime)
                        .subject(subject)
                        .audience(audience)
                        .metadata(WebhookTokens.CLAIM_ID, id)
                        .metadata(WebhookTokens.CLAIM_TIMESTAMP, ts)
                        .metadata(WebhookTokens.CLAIM_BODY_SHA256, Base64.getUrlEncoder().withoutPadding().encodeToString(hash))
                        .build());
                h.put(WebhookTokens.ID_HEADER, id);
                h.put(WebhookTokens.TIMESTAMP_HEADER, ts);
                h.put(WebhookTokens.TOKEN_HEADER, token);
            }
        }
        return Collections.unmodifiableMap(h);
    }

    private static String checkId(String id) {
        if (id == null || id.isEmpty() || id.length() > BaseVerifier.MAX_ID_CHARS
                || id.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("messageId must be 1 to " + BaseVerifier.MAX_ID_CHARS
                    + " visible ASCII characters, was '" + id + "'");
        }
        return id;
    }

    private static byte[] mac(Secret s, byte[] prefix, byte[] body) {
        Mac mac = Codec.mac(s.key());
        mac.update(prefix);
        mac.update(body);
        return mac.doFinal();
    }

    /** The scheme this signer signs for. */
    public WebhookScheme scheme() {
        return scheme;
    }

    @Override
    public String toString() {
        return "WebhookSigner[" + scheme + ", " + secrets.size() + " secret(s) ***]";
    }

    /** Configures a {@link WebhookSigner}. Defaults: scheme STANDARD, system UTC clock, token lifetime 5 minutes. Not thread-safe. */
    public static final class Builder {
        private WebhookScheme scheme = WebhookScheme.STANDARD;
        private final List<SecretText> secrets = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private TokenIssuer tokenIssuer;
        private String audience;
        private String subject;
        private Duration tokenLifetime = Duration.ofMinutes(5);

        private Builder() {
        }

        /**
         * Sets the scheme.
         *
         * @param scheme the scheme
         * @return this builder
         */
        public Builder scheme(WebhookScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * Adds a secret; during a rotation add the new and the old one (STANDARD and STRIPE only).
         *
         * @param secret the secret; never logged
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder secret(String secret) {
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("secret must not be blank");
            }
            secrets.add(new SecretText(secret));
            return this;
        }

        /**
         * Sets the clock for timestamps.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the issuer of {@link WebhookScheme#TOKEN} tokens: its key ring signs (for HS256,
         * {@link WebhookSecrets#hmacKeyRing}; or the sender's asymmetric key).
         *
         * @param issuer the token issuer
         * @return this builder
         */
        public Builder tokenIssuer(TokenIssuer issuer) {
            this.tokenIssuer = Objects.requireNonNull(issuer, "tokenIssuer");
            return this;
        }

        /**
         * Sets the audience of {@link WebhookScheme#TOKEN} tokens: the receiving endpoint.
         *
         * @param audience e.g. {@code https://receiver.example.com/webhooks}
         * @return this builder
         */
        public Builder audience(String audience) {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("audience must not be blank, was '" + audience + "'");
            }
            this.audience = audience;
            return this;
        }

        /**
         * Sets the subject of {@link WebhookScheme#TOKEN} tokens; defaults to the issuer.
         *
         * @param subject the sending service
         * @return this builder
         */
        public Builder subject(String subject) {
            if (subject == null || subject.isBlank()) {
                throw new IllegalArgumentException("subject must not be blank, was '" + subject + "'");
            }
            this.subject = subject;
            return this;
        }

        /**
         * Sets the lifetime of {@link WebhookScheme#TOKEN} tokens.
         *
         * @param lifetime between 1 second and 15 minutes (the type's maximum)
         * @return this builder
         */
        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.getSeconds() < 1
                    || lifetime.compareTo(TokenType.WEBHOOK_VERIFICATION.defaultMaxLifetime()) > 0) {
                throw new IllegalArgumentException("tokenLifetime must be between 1 s and 15 minutes, was " + lifetime);
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /**
         * Builds the signer.
         *
         * @return a thread-safe signer
         * @throws IllegalStateException if secrets are missing or do not suit the scheme, several
         *     are given to a scheme with one signature, or TOKEN lacks its issuer or audience
         */
        public WebhookSigner build() {
            if (scheme == WebhookScheme.TOKEN) {
                if (!secrets.isEmpty()) {
                    throw new IllegalStateException("the TOKEN scheme takes no secret(...): give tokenIssuer(...) "
                            + "a key ring from WebhookSecrets.hmacKeyRing(secret)");
                }
                if (tokenIssuer == null || audience == null) {
                    throw new IllegalStateException("the TOKEN scheme needs tokenIssuer(...) and audience(receiving endpoint)");
                }
                return new WebhookSigner(this, List.of());
            }
            if (tokenIssuer != null || audience != null || subject != null) {
                throw new IllegalStateException("tokenIssuer, audience and subject are only for the TOKEN scheme, not " + scheme);
            }
            if (secrets.isEmpty()) {
                throw new IllegalStateException("at least one secret is required: call secret(\"...\")");
            }
            if (secrets.size() > 1 && scheme != WebhookScheme.STANDARD && scheme != WebhookScheme.STRIPE) {
                throw new IllegalStateException(scheme + " deliveries carry one signature: give one secret, not " + secrets.size());
            }
            List<Secret> keys = new ArrayList<>();
            for (int i = 0; i < secrets.size(); i++) {
                try {
                    keys.add(Secret.forScheme(scheme, secrets.get(i).value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("secret #" + (i + 1) + " does not suit " + scheme + ": " + e.getMessage());
                }
            }
            return new WebhookSigner(this, keys);
        }
    }
}
