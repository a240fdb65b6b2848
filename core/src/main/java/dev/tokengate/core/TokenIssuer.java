package dev.tokengate.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Issues signed JWT technical tokens (JWS compact serialization) with the active key of a
 * {@link KeyRing}.
 *
 * <p>Every token gets {@code iss}, {@code sub}, {@code aud}, {@code iat}, {@code exp}, a random
 * 128-bit {@code jti}, the space-delimited {@code scope}, the token type, and the header
 * {@code alg}, {@code kid} and the type's own {@code typ}. A lifetime longer than the type's
 * maximum is refused here, so that the issuer never makes a token its validator would reject.
 *
 * <pre>{@code
 * TokenIssuer issuer = TokenIssuer.builder()
 *     .keys(ring).issuer("https://auth.example.com").audience("documents-api")
 *     .build();
 * String jwt = issuer.issue(token);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TokenIssuer {

    /** The claim that names the token type, e.g. {@code "API_ACCESS"}. */
    public static final String CLAIM_TYPE = "token_type";
    /** The claim holding the metadata object. */
    public static final String CLAIM_METADATA = "metadata";
    /** The claim holding the resource bindings, an array of strings. */
    public static final String CLAIM_BINDINGS = "bindings";
    /** The space-delimited scope claim (RFC 8693 §4.2). */
    public static final String CLAIM_SCOPE = "scope";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Map<TokenType, Duration> maxLifetime;

    private TokenIssuer(Builder b) {
        this.keys = b.keys;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.clock = b.clock;
        this.maxLifetime = new EnumMap<>(b.maxLifetime);
    }

    /** A builder; {@code keys}, {@code issuer} and {@code audience} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs a token.
     *
     * @param token what the token says
     * @return the compact JWS
     * @throws IllegalArgumentException if its lifetime exceeds the type's maximum
     */
    public String issue(TechnicalToken token) {
        return sign(token, newTokenId());
    }

    /**
     * Signs a token with a given {@code jti}; for callers that must know the id up front
     * (refresh families, single-use links).
     *
     * @param token what the token says
     * @param tokenId the {@code jti}, unique and unguessable
     * @return the compact JWS
     */
    public String issue(TechnicalToken token, String tokenId) {
        if (tokenId == null || tokenId.length() < 16) {
            throw new IllegalArgumentException("a token id must have at least 16 characters of randomness");
        }
        return sign(token, tokenId);
    }

    /** A fresh random token id: 128 bits from {@link SecureRandom}, base64url. */
    public static String newTokenId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The issuer ({@code iss}) this issuer writes. */
    public String issuer() {
        return issuer;
    }

    private String sign(TechnicalToken token, String jti) {
        Duration max = maxLifetime.get(token.type());
        if (token.lifetime().compareTo(max) > 0) {
            throw new IllegalArgumentException("expiration " + Durations.format(token.lifetime()) + " exceeds the maximum of "
                    + Durations.format(max) + " for " + token.type());
        }
        KeyRing.SigningKey key = keys.signingKey();
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(token.subject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(token.lifetime())))
                .jwtID(jti)
                .claim(CLAIM_TYPE, token.type().name());
        List<String> aud = token.audience().isEmpty() ? List.of(audience) : token.audience();
        if (aud.size() == 1) {
            claims.audience(aud.get(0));
        } else {
            claims.audience(aud);
        }
        if (token.notBefore() != null) {
            claims.notBeforeTime(Date.from(token.notBefore()));
        }
        if (!token.scopes().isEmpty()) {
            claims.claim(CLAIM_SCOPE, Scopes.join(token.scopes()));
        }
        if (!token.metadata().isEmpty()) {
            claims.claim(CLAIM_METADATA, token.metadata());
        }
        if (!token.bindings().isEmpty()) {
            claims.claim(CLAIM_BINDINGS, token.bindings());
        }
        JWSHeader header = new JWSHeader.Builder(key.algorithm().jws())
                .keyID(key.keyId())
                .type(new JOSEObjectType(token.type().typ()))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key '" + key.keyId() + "' failed", e);
        }
        return jwt.serialize();
    }

    /** Builds a {@link TokenIssuer}. Not thread-safe. */
    public static final class Builder {
        private KeyRing keys;
        private String issuer;
        private String audience;
        private Clock clock = Clock.systemUTC();
        private final Map<TokenType, Duration> maxLifetime = new EnumMap<>(TokenType.class);

        private Builder() {
            for (TokenType t : TokenType.values()) {
                maxLifetime.put(t, t.defaultMaxLifetime());
            }
        }

        /**
         * Sets the key ring whose active key signs.
         *
         * @param keys the ring
         * @return this builder
         */
        public Builder keys(KeyRing keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * Sets the issuer ({@code iss}), compared exactly by validators.
         *
         * @param issuer the issuer URI
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = Validation.requireText("issuer", issuer);
            return this;
        }

        /**
         * Sets the audience used when a token names none.
         *
         * @param audience the default audience
         * @return this builder
         */
        public Builder audience(String audience) {
            this.audience = Validation.requireText("audience", audience);
            return this;
        }

        /**
         * Sets the clock for {@code iat} and {@code exp}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the longest lifetime tokens of a type may be issued with.
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
         * Builds the issuer.
         *
         * @return the issuer
         * @throws IllegalStateException if keys, issuer or audience is missing
         */
        public TokenIssuer build() {
            if (keys == null) {
                throw new IllegalStateException("keys are required: call keys(KeyRing)");
            }
            if (issuer == null) {
                throw new IllegalStateException("issuer is required: call issuer(\"https://...\")");
            }
            if (audience == null) {
                throw new IllegalStateException("audience is required: call audience(\"...\")");
            }
            keys.signingKey();
            return new TokenIssuer(this);
        }
    }
}
