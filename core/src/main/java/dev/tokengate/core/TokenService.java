package dev.tokengate.core;

import dev.tokengate.core.event.SecurityEvent;
import dev.tokengate.core.event.SecurityEventListener;
import dev.tokengate.core.store.ApiKeyRecord;
import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.RefreshFamily;
import dev.tokengate.core.store.RefreshFamilyStore;
import dev.tokengate.core.store.RevocationStore;
import dev.tokengate.core.store.RotateOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The token lifecycle a token endpoint needs: issue an access token (with an optional refresh
 * token), refresh with rotation (RFC 6749 §6), revoke (RFC 7009), introspect (RFC 7662), issue
 * opaque API keys, and revoke everything of a subject.
 *
 * <p><b>Refresh tokens</b> are opaque, {@code tgr_<family id>_<256 random bits>}; only their
 * SHA-256 hash is stored, in a {@link RefreshFamilyStore}. Each refresh rotates: the presented
 * token stops working and a new one is returned. Presenting a rotated token again is reuse: the
 * whole family is revoked (the newest refresh token included) and the call fails with
 * {@link ErrorCode#REFRESH_TOKEN_REUSED}. Of many concurrent refreshes with one token exactly one
 * wins; the others count as reuse. A refresh token never validates as an access token (it has no
 * JWT shape) and an access token never refreshes (it has no refresh shape).
 *
 * <pre>{@code
 * RevocationStore revocations = RevocationStore.inMemory();
 * TokenValidator validator = TokenValidator.builder().keys(ring).issuer(iss).audience(aud)
 *     .revocations(revocations).build();
 * TokenService tokens = TokenService.builder()
 *     .issuer(issuer).validator(validator).revocations(revocations)
 *     .refreshFamilies(RefreshFamilyStore.inMemory())
 *     .build();
 * TokenPair pair = tokens.issue(token, true);
 * TokenPair next = tokens.refresh(pair.refreshToken());
 * }</pre>
 *
 * <p>Thread-safe. Store failures surface as {@link ErrorCode#STORE_UNAVAILABLE}.
 */
public final class TokenService {

    private final TokenIssuer issuer;
    private final JwtTokenValidator validator;
    private final RevocationStore revocations;
    private final RefreshFamilyStore families;
    private final ApiKeyStore apiKeys;
    private final Clock clock;
    private final Duration refreshLifetime;
    private final Duration apiKeyMaxLifetime;
    private final Duration subjectRetention;
    private final SecurityEventListener listener;

    private TokenService(Builder b) {
        this.issuer = b.issuer;
        this.validator = (JwtTokenValidator) b.validator;
        this.revocations = b.revocations;
        this.families = b.families;
        this.apiKeys = b.apiKeys;
        this.clock = b.clock;
        this.refreshLifetime = b.refreshLifetime;
        this.apiKeyMaxLifetime = b.apiKeyMaxLifetime;
        Duration longest = refreshLifetime.compareTo(apiKeyMaxLifetime) > 0 ? refreshLifetime : apiKeyMaxLifetime;
        for (TokenType t : TokenType.values()) {
            if (t.defaultMaxLifetime().compareTo(longest) > 0) {
                longest = t.defaultMaxLifetime();
            }
        }
        this.subjectRetention = longest.plusMillis(validator.skewMillis());
        this.listener = b.listeners.isEmpty() ? SecurityEventListener.logging() : SecurityEventListener.all(b.listeners);
    }

    /** A builder; {@code issuer}, {@code validator} and {@code revocations} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Issues an access token without a refresh token.
     *
     * @param token what the access token says
     * @return the token and its facts
     */
    public TokenPair issue(TechnicalToken token) {
        return issue(token, false);
    }

    /**
     * Issues an access token and, if asked, a refresh token that re-issues the same grant.
     *
     * @param token what the access token says
     * @param withRefreshToken whether to add a refresh token
     * @return the token(s)
     * @throws IllegalStateException if a refresh token is asked for but no {@link RefreshFamilyStore} is configured
     * @throws TokenException with {@link ErrorCode#STORE_UNAVAILABLE} if the family cannot be stored
     */
    public TokenPair issue(TechnicalToken token, boolean withRefreshToken) {
        Objects.requireNonNull(token, "token");
        if (withRefreshToken && families == null) {
            throw new IllegalStateException("refresh tokens need a RefreshFamilyStore: call refreshFamilies(...) on the builder");
        }
        String refresh = null;
        Instant refreshExpiresAt = null;
        if (withRefreshToken) {
            String familyId = OpaqueTokens.randomBase62(OpaqueTokens.FAMILY_ID);
            refresh = OpaqueTokens.newRefreshToken(familyId);
            Instant now = clock.instant();
            RefreshFamily family = new RefreshFamily(familyId, token.subject(), token.type(), token.scopes(), token.audience(),
                    token.metadata(), token.bindings(), token.lifetime(), now, OpaqueTokens.hash(refresh), false);
            try {
                families.create(family, refreshLifetime);
            } catch (RuntimeException e) {
                throw JwtTokenValidator.storeFailure("refresh-family", e);
            }
            refreshExpiresAt = now.plus(refreshLifetime);
            emit(SecurityEvent.Kind.ISSUED, null, token.type(), familyId, null, token.subject(), refreshExpiresAt);
        }
        return access(token, refresh, refreshExpiresAt, SecurityEvent.Kind.ISSUED);
    }

    private TokenPair access(TechnicalToken token, String refresh, Instant refreshExpiresAt, SecurityEvent.Kind kind) {
        String jti = TokenIssuer.newTokenId();
        Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        String jwt = issuer.issue(token, jti);
        Instant expiresAt = issuedAt.plus(token.lifetime());
        emit(kind, null, token.type(), jti, null, token.subject(), expiresAt);
        return new TokenPair(jwt, jti, token.lifetime(), expiresAt, token.scopes(), refresh, refreshExpiresAt);
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token (rotation).
     *
     * @param refreshToken the presented refresh token (attacker-controlled)
     * @return the new access and refresh tokens
     * @throws TokenException {@link ErrorCode#REFRESH_TOKEN_INVALID} for anything not a live refresh
     *     token (an access token included); {@link ErrorCode#REFRESH_TOKEN_REUSED} when it was
     *     already rotated (its family is now revoked); {@link ErrorCode#STORE_UNAVAILABLE}
     */
    public TokenPair refresh(String refreshToken) {
        if (families == null) {
            throw new IllegalStateException("refresh tokens need a RefreshFamilyStore: call refreshFamilies(...) on the builder");
        }
        String familyId = OpaqueTokens.refreshFamily(refreshToken);
        if (familyId == null) {
            throw invalidRefresh(null, null, "not a refresh token");
        }
        RefreshFamily family;
        boolean subjectRevoked;
        try {
            family = families.find(familyId);
            subjectRevoked = family != null && revocations.isRevoked(familyId, family.subject(), family.createdAt());
        } catch (RuntimeException e) {
            throw JwtTokenValidator.storeFailure("refresh-family", e);
        }
        if (family == null) {
            throw invalidRefresh(familyId, null, "refresh family " + familyId + " is unknown or expired");
        }
        if (family.revoked() || subjectRevoked) {
            throw invalidRefresh(familyId, family, "refresh family " + familyId + " is revoked");
        }
        String next = OpaqueTokens.newRefreshToken(familyId);
        RotateOutcome outcome;
        try {
            outcome = families.rotate(familyId, OpaqueTokens.hash(refreshToken), OpaqueTokens.hash(next), refreshLifetime);
        } catch (RuntimeException e) {
            throw JwtTokenValidator.storeFailure("refresh-family", e);
        }
        switch (outcome) {
            case ROTATED -> {
                TechnicalToken token = TechnicalToken.builder().type(family.type()).expiration(family.accessLifetime())
                        .scopes(family.scopes()).subject(family.subject()).audience(family.audience().toArray(String[]::new))
                        .metadata(family.metadata()).bind(family.bindings().toArray(String[]::new)).build();
                Instant refreshExpiresAt = clock.instant().plus(refreshLifetime);
                emit(SecurityEvent.Kind.REFRESHED, null, family.type(), familyId, null, family.subject(), refreshExpiresAt);
                return access(token, next, refreshExpiresAt, SecurityEvent.Kind.ISSUED);
            }
            case REUSED -> {
                emit(SecurityEvent.Kind.REUSE_DETECTED, ErrorCode.REFRESH_TOKEN_REUSED, family.type(), familyId, null,
                        family.subject(), null);
                emit(SecurityEvent.Kind.REVOKED, ErrorCode.REFRESH_TOKEN_REUSED, family.type(), familyId, null, family.subject(), null);
                throw new TokenException(ErrorCode.REFRESH_TOKEN_REUSED, "refresh token of family " + familyId
                        + " was already rotated; the family is revoked");
            }
            default -> throw invalidRefresh(familyId, family, "refresh token of family " + familyId + " is not current ("
                    + outcome + ")");
        }
    }

    private TokenException invalidRefresh(String familyId, RefreshFamily family, String message) {
        emit(SecurityEvent.Kind.REJECTED, ErrorCode.REFRESH_TOKEN_INVALID, family == null ? null : family.type(), familyId,
                null, family == null ? null : family.subject(), null);
        return new TokenException(ErrorCode.REFRESH_TOKEN_INVALID, message);
    }

    /**
     * Issues an opaque API key standing for a token description; the store keeps only its hash.
     *
     * @param token what the key grants (type, scopes, subject, metadata, bindings, lifetime)
     * @param environment the environment tag, e.g. {@code live} or {@code test} ({@code [a-z0-9]{1,16}})
     * @return the key (show it once) and its record
     * @throws IllegalArgumentException for a bad environment or a lifetime over the API-key maximum
     * @throws IllegalStateException if no {@link ApiKeyStore} is configured
     */
    public IssuedApiKey issueApiKey(TechnicalToken token, String environment) {
        Objects.requireNonNull(token, "token");
        if (apiKeys == null) {
            throw new IllegalStateException("API keys need an ApiKeyStore: call apiKeys(...) on the builder");
        }
        if (!OpaqueTokens.validEnvironment(environment)) {
            throw new IllegalArgumentException("environment must be 1-16 of [a-z0-9] (e.g. live, test), was '" + environment + "'");
        }
        if (token.lifetime().compareTo(apiKeyMaxLifetime) > 0) {
            throw new IllegalArgumentException("expiration " + Durations.format(token.lifetime())
                    + " exceeds the API-key maximum of " + Durations.format(apiKeyMaxLifetime));
        }
        String key = OpaqueTokens.newApiKey(environment);
        Instant now = clock.instant();
        ApiKeyRecord record = new ApiKeyRecord(TokenIssuer.newTokenId(), OpaqueTokens.hash(key), OpaqueTokens.apiKeyHint(key),
                token.type(), token.subject(), token.scopes(), token.metadata(), token.bindings(), now, now.plus(token.lifetime()));
        try {
            apiKeys.save(record);
        } catch (RuntimeException e) {
            throw JwtTokenValidator.storeFailure("API-key", e);
        }
        emit(SecurityEvent.Kind.ISSUED, null, token.type(), record.id(), record.hint(), token.subject(), record.expiresAt());
        return new IssuedApiKey(key, record);
    }

    /**
     * Revokes whatever token is presented (RFC 7009): an access JWT (by its {@code jti}), an API
     * key, or a refresh token (its whole family). A token that is invalid, expired or unknown is
     * not an error: there is nothing left to revoke.
     *
     * @param token the presented token
     * @return true if something was revoked
     * @throws TokenException only with {@link ErrorCode#STORE_UNAVAILABLE} or {@link ErrorCode#KEYS_UNAVAILABLE}
     */
    public boolean revoke(String token) {
        String familyId = OpaqueTokens.refreshFamily(token);
        if (familyId != null) {
            if (families == null) {
                return false;
            }
            try {
                RefreshFamily family = families.find(familyId);
                if (family == null || !OpaqueTokens.sameHash(family.currentHash(), OpaqueTokens.hash(token))) {
                    return false;
                }
                boolean done = families.revoke(familyId);
                if (done) {
                    emit(SecurityEvent.Kind.REVOKED, null, family.type(), familyId, null, family.subject(), null);
                }
                return done;
            } catch (RuntimeException e) {
                throw JwtTokenValidator.storeFailure("refresh-family", e);
            }
        }
        ValidatedToken v;
        try {
            v = validator.validate(token, null, false);
        } catch (TokenException e) {
            if (e.code() == ErrorCode.STORE_UNAVAILABLE || e.code() == ErrorCode.KEYS_UNAVAILABLE) {
                throw e;
            }
            return false;
        }
        revoke(v.id(), v.expiresAt().plusMillis(validator.skewMillis()), v.type(), v.subject());
        if (v.keyId() == null && apiKeys != null && token != null && OpaqueTokens.looksLikeApiKey(token)) {
            try {
                apiKeys.delete(OpaqueTokens.hash(token));
            } catch (RuntimeException e) {
                throw JwtTokenValidator.storeFailure("API-key", e);
            }
        }
        return true;
    }

    /**
     * Revokes a token by id: a {@code jti}, an API-key id or a refresh-family id.
     *
     * @param tokenId the id
     * @param until when the entry may be forgotten (the token's expiry, or later)
     */
    public void revokeId(String tokenId, Instant until) {
        revoke(Objects.requireNonNull(tokenId, "tokenId"), Objects.requireNonNull(until, "until"), null, null);
    }

    private void revoke(String tokenId, Instant until, TokenType type, String subject) {
        try {
            revocations.revoke(tokenId, until);
        } catch (RuntimeException e) {
            throw JwtTokenValidator.storeFailure("revocation", e);
        }
        emit(SecurityEvent.Kind.REVOKED, null, type, tokenId, null, subject, until);
    }

    /**
     * Revokes every token of a subject issued until now: access tokens, API keys and refresh
     * families. Tokens issued afterwards are valid again.
     *
     * @param subject the subject
     */
    public void revokeSubject(String subject) {
        Validation.requireText("subject", subject);
        Instant now = clock.instant();
        // iat has whole seconds: a token issued during this second is revoked too
        Instant cutoff = Instant.ofEpochSecond(now.getEpochSecond() + 1);
        try {
            revocations.revokeSubject(subject, cutoff, now.plus(subjectRetention));
        } catch (RuntimeException e) {
            throw JwtTokenValidator.storeFailure("revocation", e);
        }
        emit(SecurityEvent.Kind.REVOKED, null, null, null, null, subject, null);
    }

    /**
     * Introspects a token (RFC 7662): the validated token if it is active (valid, unexpired, not
     * revoked; a single-use token is not used up), otherwise empty. Refresh tokens are not
     * introspected (empty).
     *
     * @param token the presented token
     * @return the token if active
     * @throws TokenException only with {@link ErrorCode#STORE_UNAVAILABLE} or {@link ErrorCode#KEYS_UNAVAILABLE}
     */
    public Optional<ValidatedToken> introspect(String token) {
        try {
            return Optional.of(validator.validate(token, null, false));
        } catch (TokenException e) {
            if (e.code() == ErrorCode.STORE_UNAVAILABLE || e.code() == ErrorCode.KEYS_UNAVAILABLE) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private void emit(SecurityEvent.Kind kind, ErrorCode code, TokenType type, String id, String hint, String subject,
            Instant expiresAt) {
        try {
            listener.onEvent(new SecurityEvent(kind, code, type, id, hint, subject, clock.instant(), expiresAt, -1));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TokenService.class).warn("security event listener failed: {}", e.toString());
        }
    }

    /**
     * Configures a {@link TokenService}. Defaults: refresh tokens live 14 days without use, API
     * keys at most 365 days, the system UTC clock, the audit-log listener. Not thread-safe.
     */
    public static final class Builder {
        private TokenIssuer issuer;
        private TokenValidator validator;
        private RevocationStore revocations;
        private RefreshFamilyStore families;
        private ApiKeyStore apiKeys;
        private Clock clock = Clock.systemUTC();
        private Duration refreshLifetime = Duration.ofDays(14);
        private Duration apiKeyMaxLifetime = Duration.ofDays(365);
        private final List<SecurityEventListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the issuer of access tokens.
         *
         * @param issuer the issuer
         * @return this builder
         */
        public Builder issuer(TokenIssuer issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Sets the validator used for revocation and introspection; it must be built by
         * {@link TokenValidator#builder()} with the same revocation (and API-key) store.
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder validator(TokenValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * Sets the revocation store (the validator's).
         *
         * @param store the store
         * @return this builder
         */
        public Builder revocations(RevocationStore store) {
            this.revocations = Objects.requireNonNull(store, "revocations");
            return this;
        }

        /**
         * Enables refresh tokens, kept in this store.
         *
         * @param store the store
         * @return this builder
         */
        public Builder refreshFamilies(RefreshFamilyStore store) {
            this.families = Objects.requireNonNull(store, "refreshFamilies");
            return this;
        }

        /**
         * Enables opaque API keys, kept in this store (the validator's).
         *
         * @param store the store
         * @return this builder
         */
        public Builder apiKeys(ApiKeyStore store) {
            this.apiKeys = Objects.requireNonNull(store, "apiKeys");
            return this;
        }

        /**
         * Sets the clock (use the issuer's and validator's).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how long a refresh token works without being used; each refresh starts it again.
         *
         * @param lifetime a positive duration, at most 365 days
         * @return this builder
         */
        public Builder refreshTokenLifetime(Duration lifetime) {
            Validation.requirePositive("refreshTokenLifetime", lifetime);
            if (lifetime.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException("refreshTokenLifetime must be at most 365 days, was " + lifetime);
            }
            this.refreshLifetime = lifetime;
            return this;
        }

        /**
         * Sets the longest lifetime an API key may be issued with.
         *
         * @param max a positive duration, at most 5 years
         * @return this builder
         */
        public Builder apiKeyMaxLifetime(Duration max) {
            Validation.requirePositive("apiKeyMaxLifetime", max);
            if (max.compareTo(Duration.ofDays(5 * 366)) > 0) {
                throw new IllegalArgumentException("apiKeyMaxLifetime must be at most 5 years, was " + max);
            }
            this.apiKeyMaxLifetime = max;
            return this;
        }

        /**
         * Adds a listener for issue, refresh, revoke and reuse events. When none is added the
         * audit-log listener is used.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(SecurityEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service
         * @throws IllegalStateException if issuer, validator or revocations is missing, or the
         *     validator does not share the revocation and API-key stores
         */
        public TokenService build() {
            if (issuer == null) {
                throw new IllegalStateException("issuer is required: call issuer(TokenIssuer)");
            }
            if (!(validator instanceof JwtTokenValidator v)) {
                throw new IllegalStateException("validator is required and must come from TokenValidator.builder(): call validator(...)");
            }
            if (revocations == null) {
                throw new IllegalStateException("revocations is required: call revocations(RevocationStore)");
            }
            if (v.revocations() != revocations) {
                throw new IllegalStateException("the validator must check the same RevocationStore: build it with .revocations(store)");
            }
            if (apiKeys != null && v.apiKeys() != apiKeys) {
                throw new IllegalStateException("the validator must accept the same ApiKeyStore: build it with .apiKeys(store)");
            }
            return new TokenService(this);
        }
    }
}
