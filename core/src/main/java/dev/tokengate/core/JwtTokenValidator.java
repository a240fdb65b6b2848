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

/** The JWT validation pipeline of DESIGN §2, configured once by {@link TokenValidator.Builder}. */
final class JwtTokenValidator implements TokenValidator {

    private final KeySource keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final long skewMillis;
    private final int maxTokenSize;
    private final Map<TokenType, Duration> maxLifetime;
    private final ScopeHierarchy hierarchy;

    JwtTokenValidator(TokenValidator.Builder b) {
        this.keys = b.keys;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.clock = b.clock;
        this.skewMillis = b.clockSkew.toMillis();
        this.maxTokenSize = b.maxTokenSize;
        this.maxLifetime = new EnumMap<>(b.maxLifetime);
        this.hierarchy = b.scopeHierarchy;
    }

    @Override
    public ValidatedToken validate(String token) {
        try {
            return verify(token);
        } catch (TokenException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // defense in depth: whatever the input, nothing but a TokenException escapes
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "token could not be parsed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private ValidatedToken verify(String token) {
        if (token == null || token.isEmpty()) {
            throw new TokenException(ErrorCode.TOKEN_MISSING, "no token");
        }
        if (token.length() > maxTokenSize) {
            throw new TokenException(ErrorCode.TOKEN_TOO_LARGE,
                    "token has " + token.length() + " characters; the cap is " + maxTokenSize);
        }
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
        List<String> scopes = scopes(claims);
        Map<String, Object> metadata;
        List<String> bindings;
        try {
            Map<String, Object> m = claims.getJSONObjectClaim(TokenIssuer.CLAIM_METADATA);
            metadata = m == null ? Map.of() : m;
            List<String> b = claims.getStringListClaim(TokenIssuer.CLAIM_BINDINGS);
            bindings = b == null ? List.of() : b;
        } catch (ParseException e) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "metadata must be an object and bindings an array of strings");
        }
        if (bindings.stream().anyMatch(java.util.Objects::isNull)) { // List.of().contains(null) throws NPE
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "bindings must not hold null");
        }
        Date nbfDate = claims.getNotBeforeTime();
        return new ValidatedToken(type, sub, claims.getIssuer(), aud, scopes, hierarchy.expand(scopes), metadata, bindings,
                iat.toInstant(), exp.toInstant(), nbfDate == null ? null : nbfDate.toInstant(), jti, key.keyId(),
                claims.getClaims());
    }

    private void checkExpiry(long expMillis, long now) {
        if (now >= expMillis + skewMillis) {
            throw new TokenException(ErrorCode.TOKEN_EXPIRED, "token expired at " + Instant.ofEpochMilli(expMillis) + ", "
                    + (now - expMillis) / 1000 + "s ago; allowed clock skew " + skewMillis / 1000 + "s");
        }
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim(TokenIssuer.CLAIM_SCOPE);
        if (scope == null) {
            return List.of();
        }
        if (!(scope instanceof String s)) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "scope claim must be a space-delimited string");
        }
        List<String> parsed = Scopes.parse(s);
        if (parsed == null) {
            throw new TokenException(ErrorCode.TOKEN_MALFORMED, "scope claim is not a list of scopes separated by single spaces");
        }
        return List.copyOf(new LinkedHashSet<>(parsed));
    }
}
