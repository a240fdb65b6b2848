package dev.tokengate.core;

import dev.tokengate.core.event.SecurityEventListener;
import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.RevocationStore;
import dev.tokengate.core.store.SingleUseStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates presented tokens: the one entry point adapters call.
 *
 * <p>{@link #validate(String)} authenticates: size cap, parse, explicit type, key by
 * {@code kid}, algorithm pinned to the key, signature, then {@code exp}, {@code nbf},
 * {@code iat}, {@code iss}, {@code aud} and the type's maximum lifetime. {@link
 * #validate(String, TokenRequirement)} also authorizes: token type, scopes (with the scope
 * hierarchy) and resource binding.
 *
 * <pre>{@code
 * TokenValidator validator = TokenValidator.builder()
 *     .keys(ring).issuer("https://auth.example.com").audience("documents-api")
 *     .build();
 * ValidatedToken ok = validator.validate(jwt,
 *     TokenRequirement.of(TokenType.API_ACCESS).requireScope("READ"));
 * }</pre>
 *
 * <p>The validator built here also accepts opaque API keys ({@link Builder#apiKeys}), checks
 * revocations on every call ({@link Builder#revocations}), caches verified JWTs until their
 * expiry ({@link Builder#cache}, on by default; expiry and revocation are re-checked on every
 * hit), enforces single-use token types ({@link Builder#singleUse}) and reports every decision
 * to its {@link SecurityEventListener}s.
 *
 * <p>Implementations are thread-safe. Whatever the input, they throw nothing but
 * {@link TokenException}; an unreachable store gives {@link ErrorCode#STORE_UNAVAILABLE},
 * never an accepted token.
 */
public interface TokenValidator {

    /**
     * Authenticates a token.
     *
     * @param token the presented token (attacker-controlled)
     * @return the validated token
     * @throws TokenException with the code of the first check that fails
     */
    ValidatedToken validate(String token);

    /**
     * Authenticates a token and checks it against a requirement.
     *
     * @param token the presented token (attacker-controlled)
     * @param requirement what the resource requires
     * @return the validated token
     * @throws TokenException with the code of the first check that fails; an
     *     {@link InsufficientScopeException} when the token is valid but does not grant enough
     */
    default ValidatedToken validate(String token, TokenRequirement requirement) {
        ValidatedToken validated = validate(token);
        requirement.check(validated);
        return validated;
    }

    /** A builder for the JWT validator; {@code keys}, {@code issuer} and {@code audience} are required. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Configures a validator. Defaults: clock skew 60 s (at most 5 min), token size cap 8 KiB,
     * the default maximum lifetime of each {@link TokenType}, the default scope hierarchy
     * {@code ADMIN ⊃ WRITE ⊃ READ}, the system UTC clock, a validation cache of 10,000 tokens,
     * no revocation store, no API keys, no single-use types, the audit-log listener
     * {@link SecurityEventListener#logging()}. Not thread-safe.
     */
    final class Builder {
        static final Duration MAX_SKEW = Duration.ofMinutes(5);

        KeySource keys;
        String issuer;
        String audience;
        Clock clock = Clock.systemUTC();
        Duration clockSkew = Duration.ofSeconds(60);
        int maxTokenSize = 8 * 1024;
        final Map<TokenType, Duration> maxLifetime = new EnumMap<>(TokenType.class);
        ScopeHierarchy scopeHierarchy = ScopeHierarchy.defaults();
        RevocationStore revocations;
        ApiKeyStore apiKeys;
        SingleUseStore singleUse;
        final Set<TokenType> singleUseTypes = EnumSet.noneOf(TokenType.class);
        int cacheSize = 10_000;
        final List<SecurityEventListener> listeners = new ArrayList<>();

        private Builder() {
            for (TokenType t : TokenType.values()) {
                maxLifetime.put(t, t.defaultMaxLifetime());
            }
        }

        /**
         * Sets where verification keys come from: a {@link KeyRing}, or a remote JWK set.
         *
         * @param keys the key source
         * @return this builder
         */
        public Builder keys(KeySource keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * Sets the one trusted issuer; {@code iss} must equal it exactly (case and trailing slash included).
         *
         * @param issuer the issuer
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = Validation.requireText("issuer", issuer);
            return this;
        }

        /**
         * Sets this service's audience; {@code aud} (a string or an array) must hold it.
         *
         * @param audience the audience
         * @return this builder
         */
        public Builder audience(String audience) {
            this.audience = Validation.requireText("audience", audience);
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the tolerated clock difference for {@code exp}, {@code nbf} and {@code iat}.
         *
         * @param skew between zero and 5 minutes
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder clockSkew(Duration skew) {
            if (skew == null || skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
                throw new IllegalArgumentException("clockSkew must be between 0 and 5 minutes, was " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * Sets the longest token accepted, in characters, checked before any parsing.
         *
         * @param chars between 256 and 65536
         * @return this builder
         */
        public Builder maxTokenSize(int chars) {
            if (chars < 256 || chars > 65536) {
                throw new IllegalArgumentException("maxTokenSize must be between 256 and 65536, was " + chars);
            }
            this.maxTokenSize = chars;
            return this;
        }

        /**
         * Sets the longest lifetime ({@code exp - iat}) accepted for a type.
         *
         * @param type the type
         * @param max a positive duration
         * @return this builder
         */
        public Builder maxLifetime(TokenType type, Duration max) {
            maxLifetime.put(Objects.requireNonNull(type, "type"), Validation.requirePositive("maxLifetime", max));
            return this;
        }

        /**
         * Sets the scope hierarchy used to expand granted scopes.
         *
         * @param hierarchy the hierarchy; {@link ScopeHierarchy#none()} for none
         * @return this builder
         */
        public Builder scopeHierarchy(ScopeHierarchy hierarchy) {
            this.scopeHierarchy = Objects.requireNonNull(hierarchy, "scopeHierarchy");
            return this;
        }

        /**
         * Sets where revocations are looked up; checked on every validation, cached or not. Use the
         * same store as the {@link TokenService} that revokes.
         *
         * @param store the store, e.g. {@link RevocationStore#inMemory()}
         * @return this builder
         */
        public Builder revocations(RevocationStore store) {
            this.revocations = Objects.requireNonNull(store, "revocations");
            return this;
        }

        /**
         * Accepts opaque API keys ({@code tg_<env>_…}) whose records live in this store. The key's
         * checksum is verified before any lookup; only its SHA-256 hash is looked up. Without this
         * setting API keys are refused with {@link ErrorCode#TOKEN_MALFORMED}.
         *
         * @param store the API-key store
         * @return this builder
         */
        public Builder apiKeys(ApiKeyStore store) {
            this.apiKeys = Objects.requireNonNull(store, "apiKeys");
            return this;
        }

        /**
         * Makes tokens of these types single-use: the first successful validation claims the token's
         * id, every later one fails with {@link ErrorCode#TOKEN_REVOKED}.
         *
         * @param store where claims are kept until the token expires
         * @param types one or more token types
         * @return this builder
         */
        public Builder singleUse(SingleUseStore store, TokenType... types) {
            Objects.requireNonNull(store, "singleUse");
            if (types.length == 0) {
                throw new IllegalArgumentException("singleUse needs at least one token type");
            }
            this.singleUse = store;
            for (TokenType t : types) {
                singleUseTypes.add(Objects.requireNonNull(t, "type"));
            }
            return this;
        }

        /**
         * Sets the size of the cache of verified JWTs (keyed by the whole token, an entry never
         * outlives its token; expiry and revocation are still checked on every hit). Opaque API
         * keys are never cached.
         *
         * @param maxEntries 0 to disable, up to 10,000,000
         * @return this builder
         */
        public Builder cache(int maxEntries) {
            if (maxEntries < 0 || maxEntries > 10_000_000) {
                throw new IllegalArgumentException("cache must be between 0 and 10000000 entries, was " + maxEntries);
            }
            this.cacheSize = maxEntries;
            return this;
        }

        /**
         * Adds a listener told of every accepted and rejected token. When none is added the
         * audit-log listener {@link SecurityEventListener#logging()} is used; add {@code e -> { }}
         * to have none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(SecurityEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the validator.
         *
         * @return a thread-safe validator
         * @throws IllegalStateException if keys, issuer or audience is missing
         */
        public TokenValidator build() {
            if (keys == null) {
                throw new IllegalStateException("keys are required: call keys(KeyRing) or keys(KeySource)");
            }
            if (issuer == null) {
                throw new IllegalStateException("issuer is required: call issuer(\"https://...\")");
            }
            if (audience == null) {
                throw new IllegalStateException("audience is required: call audience(\"...\")");
            }
            return new JwtTokenValidator(this);
        }
    }
}
