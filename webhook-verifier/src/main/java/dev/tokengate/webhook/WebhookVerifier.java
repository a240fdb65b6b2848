package dev.tokengate.webhook;

import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies incoming webhook deliveries of one {@link WebhookScheme}: authentic (the signature
 * matches the raw body with one of the configured secrets), fresh (the signed timestamp is
 * inside a two-sided window) and not replayed (the {@link ReplayGuard} has not seen it).
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *     .scheme(WebhookScheme.STANDARD)
 *     .secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")   // current secret
 *     .secret(previousSecret)                            // still accepted during rotation
 *     .build();
 * WebhookDelivery delivery = verifier.verify(headers, rawBody);
 * }</pre>
 *
 * <p>Verification works on the raw bytes exactly as received (never a re-serialized or
 * re-decoded body), computes one HMAC per configured secret with a fresh {@code Mac}, and
 * compares in constant time. Implementations are immutable and thread-safe. Whatever the
 * headers and body hold, they throw nothing but {@link TokenException}, with one of the codes
 * {@code WEBHOOK_MALFORMED} (400: a header missing or unparseable), {@code WEBHOOK_TIMESTAMP_INVALID}
 * (400: outside the window), {@code WEBHOOK_SIGNATURE_INVALID} (401), {@code WEBHOOK_UNKNOWN_KEY}
 * (401: only signature versions this verifier does not check), {@code WEBHOOK_REPLAYED} (409),
 * {@code WEBHOOK_TOO_LARGE} (413) or {@code STORE_UNAVAILABLE} (503: the replay guard failed).
 */
public interface WebhookVerifier {

    /**
     * Verifies a delivery whose body is {@code body[offset, offset + length)}; the array is
     * read, never copied or kept.
     *
     * @param headers the delivery's headers
     * @param body the buffer holding the raw body
     * @param offset where the body starts in {@code body}
     * @param length the body's length in bytes
     * @return what was verified
     * @throws TokenException with a {@code WEBHOOK_*} code (or {@code STORE_UNAVAILABLE}) when refused
     */
    WebhookDelivery verify(WebhookHeaders headers, byte[] body, int offset, int length);

    /**
     * Verifies a delivery.
     *
     * @param headers the delivery's headers
     * @param body the raw body, exactly as received
     * @return what was verified
     * @throws TokenException with a {@code WEBHOOK_*} code (or {@code STORE_UNAVAILABLE}) when refused
     */
    default WebhookDelivery verify(WebhookHeaders headers, byte[] body) {
        return verify(headers, body, 0, body == null ? 0 : body.length);
    }

    /**
     * Verifies a delivery whose headers are in a map (names compared case-insensitively).
     *
     * @param headers header names to their values
     * @param body the raw body, exactly as received
     * @return what was verified
     * @throws TokenException with a {@code WEBHOOK_*} code (or {@code STORE_UNAVAILABLE}) when refused
     */
    default WebhookDelivery verify(Map<String, ? extends List<String>> headers, byte[] body) {
        return verify(headers == null ? null : WebhookHeaders.of(headers), body);
    }

    /** The scheme this verifier checks. */
    WebhookScheme scheme();

    /** The largest body accepted, in bytes; adapters refuse larger bodies before reading them whole. */
    int maxBodySize();

    /** A builder; {@code scheme} and either {@code secret} or (for {@link WebhookScheme#TOKEN}) {@code tokenValidator} are required. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Configures a {@link WebhookVerifier}. Defaults: tolerance 300 s into the past and 300 s
     * into the future; an in-memory {@link ReplayGuard} (100,000 ids) for schemes with a signed
     * timestamp; maximum body 1 MiB; the system UTC clock. Not thread-safe.
     */
    final class Builder {
        static final Duration MAX_TOLERANCE = Duration.ofHours(1);
        static final int MAX_BODY_LIMIT = 64 * 1024 * 1024;

        WebhookScheme scheme;
        final List<SecretText> secrets = new ArrayList<>();
        TokenValidator tokenValidator;
        Clock clock = Clock.systemUTC();
        Duration pastTolerance = Duration.ofSeconds(300);
        Duration futureTolerance = Duration.ofSeconds(300);
        ReplayGuard replayGuard;
        int maxBodySize = 1024 * 1024;

        Builder() {
        }

        /**
         * Sets the scheme; it is never guessed from headers or secrets.
         *
         * @param scheme the scheme
         * @return this builder
         */
        public Builder scheme(WebhookScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * Adds a secret. Call it once per secret that is valid now: during a rotation, the new
         * and the old secret; a delivery passes when any of them verifies it. How the secret's
         * bytes are read depends on the scheme (see {@link WebhookScheme}); a secret that does
         * not suit the scheme fails {@link #build()}.
         *
         * @param secret the secret, e.g. {@code whsec_...}; never logged
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
         * Sets the validator of {@link WebhookScheme#TOKEN} deliveries: core's validator
         * configured with the sender's keys (for HS256, {@link WebhookSecrets#hmacKeyRing}),
         * the sender as issuer and this endpoint as audience.
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder tokenValidator(TokenValidator validator) {
            this.tokenValidator = Objects.requireNonNull(validator, "tokenValidator");
            return this;
        }

        /**
         * Sets the clock that decides freshness.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how old and how far in the future a signed timestamp may be; both bounds are
         * inclusive, in whole seconds of the clock. Ignored by schemes without a signed timestamp.
         *
         * @param past how far into the past, between 0 and 1 hour
         * @param future how far into the future, between 0 and 1 hour
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder tolerance(Duration past, Duration future) {
            this.pastTolerance = checkTolerance("past tolerance", past);
            this.futureTolerance = checkTolerance("future tolerance", future);
            return this;
        }

        /**
         * Sets the same tolerance into the past and into the future.
         *
         * @param both between 0 and 1 hour
         * @return this builder
         */
        public Builder tolerance(Duration both) {
            return tolerance(both, both);
        }

        private static Duration checkTolerance(String setting, Duration d) {
            if (d == null || d.isNegative() || d.compareTo(MAX_TOLERANCE) > 0) {
                throw new IllegalArgumentException(setting + " must be between 0 and 1 hour, was " + d);
            }
            return d;
        }

        /**
         * Sets the replay guard; {@link ReplayGuard#none()} turns replay protection off.
         *
         * @param guard the guard
         * @return this builder
         */
        public Builder replayGuard(ReplayGuard guard) {
            this.replayGuard = Objects.requireNonNull(guard, "replayGuard");
            return this;
        }

        /**
         * Sets the largest body accepted.
         *
         * @param bytes between 1 and 64 MiB
         * @return this builder
         */
        public Builder maxBodySize(int bytes) {
            if (bytes < 1 || bytes > MAX_BODY_LIMIT) {
                throw new IllegalArgumentException("maxBodySize must be between 1 and " + MAX_BODY_LIMIT + " bytes, was " + bytes);
            }
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return a thread-safe verifier
         * @throws IllegalStateException if the scheme is missing, secrets are missing or do not
         *     suit the scheme, a token validator is set for a secret scheme (or missing for
         *     {@code TOKEN}), or a replay guard is set for a scheme without a signed timestamp
         */
        public WebhookVerifier build() {
            if (scheme == null) {
                throw new IllegalStateException("scheme is required: call scheme(WebhookScheme.STANDARD) or another scheme");
            }
            if (replayGuard != null && replayGuard != ReplayGuard.none() && !scheme.timestamped()) {
                throw new IllegalStateException(scheme + " deliveries carry no signed timestamp or id, so a replay guard "
                        + "cannot bound them; remove replayGuard(...) and deduplicate in the application");
            }
            ReplayGuard guard = replayGuard;
            if (guard == null) {
                guard = scheme.timestamped() ? ReplayGuard.inMemory(100_000, clock) : ReplayGuard.none();
            }
            if (scheme == WebhookScheme.TOKEN) {
                if (!secrets.isEmpty()) {
                    throw new IllegalStateException("the TOKEN scheme takes no secret(...): build its TokenValidator on "
                            + "WebhookSecrets.hmacKeyRing(secret) and pass it to tokenValidator(...)");
                }
                if (tokenValidator == null) {
                    throw new IllegalStateException("the TOKEN scheme needs tokenValidator(TokenValidator)");
                }
                return new TokenWebhookVerifier(this, guard);
            }
            if (tokenValidator != null) {
                throw new IllegalStateException("tokenValidator(...) is only for the TOKEN scheme, not " + scheme);
            }
            if (secrets.isEmpty()) {
                throw new IllegalStateException("at least one secret is required: call secret(\"...\")");
            }
            List<Secret> keys = new ArrayList<>();
            for (int i = 0; i < secrets.size(); i++) {
                try {
                    keys.add(Secret.forScheme(scheme, secrets.get(i).value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("secret #" + (i + 1) + " does not suit " + scheme + ": " + e.getMessage());
                }
            }
            return new HmacWebhookVerifier(this, keys, guard);
        }
    }
}
