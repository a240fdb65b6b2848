package dev.tokengate.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tokengate.core.event.SecurityEvent;
import dev.tokengate.core.event.SecurityEventListener;
import dev.tokengate.core.store.ApiKeyRecord;
import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.RevocationStore;
import dev.tokengate.core.store.SingleUseStore;

/**
 * The validation pipeline of DESIGN §2, configured once by {@link TokenValidator.Builder}: size
 * cap, then an opaque API key (checksum, hash lookup) or a JWT (cache, or parse, type, key,
 * algorithm, signature, claims), then state (expiry, revocation), the requirement, single use,
 * and an event for every decision.
 */
final class JwtTokenValidator implements TokenValidator {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JwtTokenValidator.class);

    private final KeySource keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final long skewMillis;
    private final int maxTokenSize;
    private final Map<TokenType, Duration> maxLifetime;
    private final ScopeHierarchy hierarchy;
    private final RevocationStore revocations;
    private final ApiKeyStore apiKeys;
    private final SingleUseStore singleUse;
    private final boolean[] singleUseTypes = new boolean[TokenType.values().length];
    private final Cache<String, ValidatedToken> cache;
    private final SecurityEventListener listener;
    /** {@code List.of(audience)}: the audience of every single-audience token, shared. */
    private final List<String> audienceList;
    /** Parsed scope claims, shared by every token with the same claim (bounded). */
    private final Map<String, ScopeGrant> scopeGrants = new ConcurrentHashMap<>();
    /** The claim names of the last token verified; tokens of the same shape share the array. */
    private volatile String[] claimShape;
    /** The metadata keys of the last token verified, shared in the same way. */
    private volatile String[] metadataShape;

    /** At most this many distinct scope claims are remembered; more are parsed each time. */
    static final int MAX_SCOPE_GRANTS = 1024;

    /** A scope claim, its scopes in order and their expansion by the hierarchy. */
    private record ScopeGrant(String claim, List<String> scopes, Set<String> effective) {
    }

    /** What is known of a token being validated, for the event of a rejection. */
    private static final class Attempt {
        TokenType type;
        String tokenId;
        String subject;
        Instant expiresAt;
        String keyHint;
    }

    JwtTokenValidator(TokenValidator.Builder b) {
        this.keys = b.keys;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.clock = b.clock;
        this.skewMillis = b.clockSkew.toMillis();
        this.maxTokenSize = b.maxTokenSize;
        this.maxLifetime = new EnumMap<>(b.maxLifetime);
        this.hierarchy = b.scopeHierarchy;
        this.revocations = b.revocations;
        this.apiKeys = b.apiKeys;
        this.singleUse = b.singleUse;
        for (TokenType t : b.singleUseTypes) {
            singleUseTypes[t.ordinal()] = true;
        }
        this.cache = b.cacheSize == 0 ? null : newCache(b.cacheSize, clock, skewMillis);
        this.listener = b.listeners.isEmpty() ? SecurityEventListener.logging() : SecurityEventListener.all(b.listeners);
        this.audienceList = List.of(audience);
    }

    private static Cache<String, ValidatedToken> newCache(int size, Clock clock, long skewMillis) {
        return Caffeine.newBuilder()
                .maximumSize(size)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, ValidatedToken>() {
                    @Override
                    public long expireAfterCreate(String key, ValidatedToken v, long now) {
                        return Math.max(0, TimeUnit.MILLISECONDS.toNanos(v.expiresAt().toEpochMilli() + skewMillis) - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, ValidatedToken v, long now, long remaining) {
                        return expireAfterCreate(key, v, now);
                    }

                    @Override
                    public long expireAfterRead(String key, ValidatedToken v, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    RevocationStore revocations() {
        return revocations;
    }

    ApiKeyStore apiKeys() {
        return apiKeys;
    }

    Clock clock() {
        return clock;
    }

    long skewMillis() {
        return skewMillis;
    }

    /** Live entries of the validation cache after dropping expired ones (tests). */
    long cachedTokens() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    public ValidatedToken validate(String token) {
        return validate(token, null);
    }

    @Override
    public ValidatedToken validate(String token, TokenRequirement requirement) {
        return validate(token, requirement, true);
    }

    /**
     * The pipeline; {@code consume} false skips the single-use claim, for revocation and
     * introspection, which must not use a single-use token up.
     */
    ValidatedToken validate(String token, TokenRequirement requirement, boolean consume) {
        long start = System.nanoTime();
        ValidatedToken v = null;
        Attempt attempt = null;
        try {
            if (token == null || token.isEmpty()) {
                throw new TokenException(ErrorCode.TOKEN_MISSING, "no token");
            }
            if (token.length() > maxTokenSize) {
                throw new TokenException(ErrorCode.TOKEN_TOO_LARGE,
                        "token has " + token.length() + " characters; the cap is " + maxTokenSize);
            }
            boolean apiKey = OpaqueTokens.looksLikeApiKey(token);
            if (cache != null && !apiKey) {
                v = cache.getIfPresent(token);
                if (v != null && keys.find(v.keyId()) == null) {
                    // its key was dropped (rotated out, removed from the JWK set): verify afresh, which refuses it
                    cache.invalidate(token);
                    v = null;
                }
            }
            if (v == null) {
                attempt = new Attempt();
                if (apiKey) {
                    v = verifyApiKey(token, attempt);
                } else {
                    v = verify(token, attempt);
                    if (cache != null) {
                        cache.put(token, v);
                    }
                }
            }
            checkState(v);
            if (requirement != null) {
                requirement.check(v);
            }
            if (consume && singleUse != null && singleUseTypes[v.type().ordinal()]) {
                claimOnce(v);
            }
            emit(SecurityEvent.Kind.ACCEPTED, null, v.type(), v.id(), apiKey ? attempt.keyHint : null, v.subject(),
                    v.expiresAt(), start);
            return v;
        } catch (TokenException e) {
            rejected(e.code(), v, attempt, start);
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // defense in depth: whatever the input, nothing but a TokenException escapes
            rejected(ErrorCode.TOKEN_MALFORMED, v, attempt, start);
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "token could not be parsed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Expiry and revocation: what can change after a token was verified, so checked on every call. */
    private void checkState(ValidatedToken v) {
        checkExpiry(v.expiresAt().toEpochMilli(), clock.millis());
        if (revocations != null) {
            boolean revoked;
            try {
                revoked = revocations.isRevoked(v.id(), v.subject(), v.issuedAt());
            } catch (RuntimeException e) {
                throw storeFailure("revocation", e);
            }
            if (revoked) {
                throw new TokenException(ErrorCode.TOKEN_REVOKED, v.type() + " token " + v.id() + " of subject '"
                        + LogSafe.text(v.subject()) + "' has been revoked");
            }
        }
    }

    private void claimOnce(ValidatedToken v) {
        long ttl = Math.max(1000, v.expiresAt().toEpochMilli() + skewMillis - clock.millis());
        boolean first;
        try {
            first = singleUse.claim(v.id(), Duration.ofMillis(ttl));
        } catch (RuntimeException e) {
            throw storeFailure("single-use", e);
        }
        if (!first) {
            throw new TokenException(ErrorCode.TOKEN_REVOKED, "single-use " + v.type() + " token " + v.id() + " was already used");
        }
    }

    static TokenException storeFailure(String what, RuntimeException e) {
        if (e instanceof TokenException t && t.code() == ErrorCode.STORE_UNAVAILABLE) {
            return t;
        }
        return new TokenException(ErrorCode.STORE_UNAVAILABLE, "the " + what + " store failed: " + e, e);
    }

    private ValidatedToken verifyApiKey(String key, Attempt attempt) {
        String problem = OpaqueTokens.apiKeyProblem(key);
        if (problem != null) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, problem);
        }
        attempt.keyHint = OpaqueTokens.apiKeyHint(key);
        if (apiKeys == null) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "opaque API keys are not accepted here (no ApiKeyStore configured)");
        }
        String hash = OpaqueTokens.hash(key);
        ApiKeyRecord r;
        try {
            r = apiKeys.find(hash);
        } catch (RuntimeException e) {
            throw storeFailure("API-key", e);
        }
        if (r == null || !OpaqueTokens.sameHash(r.keyHash(), hash)) {
            throw new TokenException(ErrorCode.TOKEN_REVOKED, "API key " + attempt.keyHint + " is unknown, deleted or expired");
        }
        attempt.type = r.type();
        attempt.tokenId = r.id();
        attempt.subject = r.subject();
        attempt.expiresAt = r.expiresAt();
        return new ValidatedToken(r.type(), r.subject(), null, List.of(), r.scopes(), hierarchy.expand(r.scopes()),
                r.metadata(), r.bindings(), r.createdAt(), r.expiresAt(), null, r.id(), null, Map.of());
    }

    private void rejected(ErrorCode code, ValidatedToken v, Attempt a, long start) {
        if (v != null) {
            emit(SecurityEvent.Kind.REJECTED, code, v.type(), v.id(), a == null ? null : a.keyHint, v.subject(), v.expiresAt(), start);
        } else if (a != null) {
            emit(SecurityEvent.Kind.REJECTED, code, a.type, a.tokenId, a.keyHint, a.subject, a.expiresAt, start);
        } else {
            emit(SecurityEvent.Kind.REJECTED, code, null, null, null, null, null, start);
        }
    }

    private void emit(SecurityEvent.Kind kind, ErrorCode code, TokenType type, String id, String hint, String subject,
            Instant expiresAt, long start) {
        SecurityEvent e = new SecurityEvent(kind, code, type, id, hint, subject, clock.instant(), expiresAt,
                System.nanoTime() - start);
        try {
            listener.onEvent(e);
        } catch (RuntimeException ex) {
            LOG.warn("security event listener failed on a {} event: {}", kind, ex.toString());
        }
    }

    private ValidatedToken verify(String token, Attempt attempt) {
        checkShape(token);
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED,
                    "unsupported critical header parameter(s) " + LogSafe.text(header.getCriticalParams().toString()));
        }
        JOSEObjectType typ = header.getType();
        TokenType type = TokenType.fromTyp(typ == null ? null : typ.getType());
        if (type == null) {
            throw new TokenException(ErrorCode.TOKEN_TYPE_MISMATCH,
                    "typ header '" + LogSafe.text(typ == null ? null : typ.getType()) + "' is not a tokengate token type");
        }
        attempt.type = type;
        String kid = header.getKeyID();
        if (kid == null) {
            throw new TokenException(ErrorCode.KEY_UNKNOWN, "token has no kid header");
        }
        VerificationKey key = keys.find(kid);
        if (key == null) {
            throw new TokenException(ErrorCode.KEY_UNKNOWN, "no key with kid '" + LogSafe.text(kid) + "'");
        }
        if (!key.algorithm().jws().equals(header.getAlgorithm())) {
            throw new TokenException(ErrorCode.ALGORITHM_NOT_ALLOWED, "token alg " + LogSafe.text(header.getAlgorithm().getName())
                    + " but key '" + key.keyId() + "' is pinned to " + key.algorithm());
        }
        boolean valid;
        try {
            valid = jwt.verify(key.verifier());
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw new TokenException(ErrorCode.SIGNATURE_INVALID, "signature does not verify with key '" + key.keyId() + "'");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "claims are not a valid JWT claims set: " + LogSafe.text(e.getMessage()));
        }
        // the signature holds: these claims are the issuer's, fit for an event
        attempt.tokenId = claims.getJWTID();
        attempt.subject = claims.getSubject();
        attempt.expiresAt = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
        return checkClaims(claims, type, key);
    }

    /** Exactly three base64url segments; anything else is refused before decoding. */
    private static void checkShape(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new TokenException(ErrorCode.TOKEN_MALFORMED, "token holds a character outside base64url at index " + i);
            }
        }
        if (dots != 2) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED,
                    "token has " + (dots + 1) + " segments; a signed JWT has 3" + (dots == 4 ? " (encrypted JWTs are not accepted)" : ""));
        }
        int first = token.indexOf('.');
        if (first == 0 || token.charAt(first + 1) == '.') {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "token has an empty header or payload segment");
        }
        if (token.endsWith(".")) {
            throw new TokenException(ErrorCode.SIGNATURE_INVALID, "token has no signature");
        }
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            // explain the refusal of alg "none", which nimbus refuses to parse as a JWS header
            Object alg = null;
            try {
                String header = new Base64URL(token.substring(0, token.indexOf('.'))).decodeToString();
                alg = JSONObjectUtils.parse(header).get("alg");
            } catch (ParseException | RuntimeException ignored) {
                // the header itself is broken: TOKEN_MALFORMED below
            }
            if (alg instanceof String s && s.equalsIgnoreCase("none")) {
                throw new TokenException(ErrorCode.ALGORITHM_NOT_ALLOWED, "alg 'none' is never accepted");
            }
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "not a signed JWT: " + LogSafe.text(e.getMessage()));
        }
    }

    private ValidatedToken checkClaims(JWTClaimsSet claims, TokenType type, VerificationKey key) throws TokenException {
        Object typeClaim = claims.getClaim(TokenIssuer.CLAIM_TYPE);
        if (!type.name().equals(typeClaim)) {
            throw new TokenException(ErrorCode.TOKEN_TYPE_MISMATCH,
                    "typ header says " + type + " but the " + TokenIssuer.CLAIM_TYPE + " claim says " + LogSafe.text(String.valueOf(typeClaim)));
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "exp claim is required");
        }
        if (iat == null) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "iat claim is required");
        }
        long now = clock.millis();
        checkExpiry(exp.getTime(), now);
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() - skewMillis > now) {
            throw new TokenException(ErrorCode.TOKEN_NOT_YET_VALID, "token is not valid before " + nbf.toInstant()
                    + ", " + (nbf.getTime() - now) / 1000 + "s from now; allowed clock skew " + skewMillis / 1000 + "s");
        }
        if (iat.getTime() - skewMillis > now) {
            throw new TokenException(ErrorCode.TOKEN_NOT_YET_VALID, "token was issued in the future at " + iat.toInstant()
                    + ", " + (iat.getTime() - now) / 1000 + "s from now; allowed clock skew " + skewMillis / 1000 + "s");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new TokenException(ErrorCode.ISSUER_MISMATCH,
                    "iss '" + LogSafe.text(claims.getIssuer()) + "' is not the trusted issuer '" + issuer + "'");
        }
        List<String> aud = claims.getAudience();
        if (!aud.contains(audience)) {
            throw new TokenException(ErrorCode.AUDIENCE_MISMATCH,
                    "aud " + LogSafe.text(aud.toString()) + " does not hold '" + audience + "'");
        }
        Duration lifetime = Duration.ofMillis(exp.getTime() - iat.getTime());
        Duration max = maxLifetime.get(type);
        if (lifetime.compareTo(max) > 0) {
            throw new TokenException(ErrorCode.LIFETIME_EXCEEDED, "token lives " + Durations.format(lifetime)
                    + "; " + type + " tokens may live at most " + Durations.format(max));
        }
        String sub = claims.getSubject();
        if (sub == null || sub.isEmpty()) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "sub claim is required");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty()) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "jti claim is required");
        }
        ScopeGrant grant = scopeGrant(claims);
        Map<String, Object> metadata;
        List<String> bindings;
        try {
            Map<String, Object> m = claims.getJSONObjectClaim(TokenIssuer.CLAIM_METADATA);
            metadata = m == null ? ClaimsMap.EMPTY : compactMetadata(m);
            List<String> b = claims.getStringListClaim(TokenIssuer.CLAIM_BINDINGS);
            bindings = b == null ? List.of() : b;
        } catch (ParseException e) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "metadata must be an object and bindings an array of strings");
        }
        for (String b : bindings) {
            if (b == null) {
                throw new TokenException(ErrorCode.TOKEN_MALFORMED, "bindings must not hold null");
            }
        }
        bindings = List.copyOf(bindings);
        Date nbfDate = claims.getNotBeforeTime();
        Instant issuedAt = iat.toInstant();
        Instant expiresAt = exp.toInstant();
        Instant notBefore = nbfDate == null ? null : nbfDate.toInstant();
        // iss equals the trusted issuer, and a single audience is ours: share those instances
        List<String> audience = aud.size() == 1 ? audienceList : aud;
        Map<String, Object> all = compactClaims(claims.getClaims(), type, sub, audience, issuedAt, expiresAt, notBefore, jti,
                grant, metadata, bindings);
        return new ValidatedToken(type, sub, issuer, audience, grant.scopes(), grant.effective(), metadata, bindings,
                issuedAt, expiresAt, notBefore, jti, key.keyId(), all);
    }

    /**
     * The claims as a compact immutable map (a cached token keeps it until it expires): the key
     * array is shared with tokens of the same shape, and each value the token's fields already
     * hold is that same instance (date claims are held as the instants and read back as dates).
     */
    private Map<String, Object> compactClaims(Map<String, Object> raw, TokenType type, String sub, List<String> audience,
            Instant issuedAt, Instant expiresAt, Instant notBefore, String jti, ScopeGrant grant,
            Map<String, Object> metadata, List<String> bindings) {
        String[] shape = claimShape;
        String[] keys;
        if (ClaimsMap.sameKeys(raw, shape)) {
            keys = shape;
        } else {
            keys = raw.keySet().toArray(new String[0]);
            claimShape = keys;
        }
        Object[] values = new Object[keys.length];
        int i = 0;
        for (Object v : raw.values()) {
            values[i] = switch (keys[i]) {
                case "iss" -> issuer;
                case "sub" -> sub;
                case "aud" -> v instanceof List ? audience : v;
                case "exp" -> expiresAt;
                case "iat" -> issuedAt;
                case "nbf" -> notBefore == null ? v : notBefore;
                case "jti" -> jti;
                case TokenIssuer.CLAIM_TYPE -> type.name();
                case TokenIssuer.CLAIM_SCOPE -> grant.claim() == null ? v : grant.claim();
                case TokenIssuer.CLAIM_METADATA -> v instanceof Map ? metadata : v;
                case TokenIssuer.CLAIM_BINDINGS -> v instanceof List ? bindings : v;
                default -> v;
            };
            i++;
        }
        return new ClaimsMap(keys, values);
    }

    private Map<String, Object> compactMetadata(Map<String, Object> m) {
        String[] shape = metadataShape;
        ClaimsMap c = ClaimsMap.copyOf(m, shape);
        if (c.keys() != shape) {
            metadataShape = c.keys();
        }
        return c;
    }

    private void checkExpiry(long expMillis, long now) {
        if (now >= expMillis + skewMillis) {
            throw new TokenException(ErrorCode.TOKEN_EXPIRED, "token expired at " + Instant.ofEpochMilli(expMillis) + ", "
                    + (now - expMillis) / 1000 + "s ago; allowed clock skew " + skewMillis / 1000 + "s");
        }
    }

    /** The scopes of the claim, parsed once per distinct claim (up to {@link #MAX_SCOPE_GRANTS}) and shared. */
    private ScopeGrant scopeGrant(JWTClaimsSet claims) {
        Object scope = claims.getClaim(TokenIssuer.CLAIM_SCOPE);
        if (scope == null) {
            return new ScopeGrant(null, List.of(), hierarchy.expand(List.of()));
        }
        if (!(scope instanceof String s)) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "scope claim must be a space-delimited string");
        }
        ScopeGrant known = scopeGrants.get(s);
        if (known != null) {
            return known;
        }
        List<String> parsed = Scopes.parse(s);
        if (parsed == null) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "scope claim is not a list of scopes separated by single spaces");
        }
        List<String> scopes = List.copyOf(new LinkedHashSet<>(parsed));
        ScopeGrant grant = new ScopeGrant(s, scopes, hierarchy.expand(scopes));
        if (scopeGrants.size() < MAX_SCOPE_GRANTS) {
            ScopeGrant raced = scopeGrants.putIfAbsent(s, grant);
            return raced == null ? grant : raced;
        }
        return grant;
    }
}
