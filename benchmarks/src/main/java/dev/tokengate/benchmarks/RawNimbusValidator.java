package dev.tokengate.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The baseline: what a careful user writes with nimbus-jose-jwt alone to make the same checks as
 * tokengate's validator (explicit {@code typ}, key by {@code kid}, algorithm pinned to the key,
 * signature, {@code exp}/{@code nbf}/{@code iat} with skew, {@code iss}, {@code aud}, maximum
 * lifetime, {@code sub}/{@code jti} present, the token-type claim, scope parsed into a list).
 * No token model, no scope hierarchy, no events.
 */
final class RawNimbusValidator {

    /** What the baseline answers: enough to authorize a request. */
    record Result(String subject, String id, List<String> scopes, Date expiresAt) {
    }

    private final Map<String, JWSVerifier> verifiers;
    private final Map<String, JWSAlgorithm> pinned;
    private final String typ;
    private final String type;
    private final String issuer;
    private final String audience;
    private final long skewMillis;
    private final long maxLifetimeMillis;
    private final Clock clock;

    RawNimbusValidator(String kid, JWSVerifier verifier, JWSAlgorithm alg, String typ, String type, String issuer,
            String audience, long skewMillis, long maxLifetimeMillis, Clock clock) {
        this.verifiers = Map.of(kid, verifier);
        this.pinned = Map.of(kid, alg);
        this.typ = typ;
        this.type = type;
        this.issuer = issuer;
        this.audience = audience;
        this.skewMillis = skewMillis;
        this.maxLifetimeMillis = maxLifetimeMillis;
        this.clock = clock;
    }

    Result validate(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader h = jwt.getHeader();
            if (h.getCriticalParams() != null && !h.getCriticalParams().isEmpty()) {
                throw new IllegalArgumentException("crit");
            }
            JOSEObjectType t = h.getType();
            if (t == null || !typ.equals(t.getType())) {
                throw new IllegalArgumentException("typ");
            }
            String kid = h.getKeyID();
            JWSVerifier verifier = kid == null ? null : verifiers.get(kid);
            if (verifier == null) {
                throw new IllegalArgumentException("kid");
            }
            if (!pinned.get(kid).equals(h.getAlgorithm())) {
                throw new IllegalArgumentException("alg");
            }
            if (!jwt.verify(verifier)) {
                throw new IllegalArgumentException("signature");
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!type.equals(c.getClaim("token_type"))) {
                throw new IllegalArgumentException("token_type");
            }
            Date exp = c.getExpirationTime();
            Date iat = c.getIssueTime();
            if (exp == null || iat == null) {
                throw new IllegalArgumentException("exp/iat");
            }
            long now = clock.millis();
            if (now >= exp.getTime() + skewMillis) {
                throw new IllegalArgumentException("expired");
            }
            Date nbf = c.getNotBeforeTime();
            if (nbf != null && nbf.getTime() - skewMillis > now) {
                throw new IllegalArgumentException("nbf");
            }
            if (iat.getTime() - skewMillis > now) {
                throw new IllegalArgumentException("iat");
            }
            if (!issuer.equals(c.getIssuer())) {
                throw new IllegalArgumentException("iss");
            }
            if (!c.getAudience().contains(audience)) {
                throw new IllegalArgumentException("aud");
            }
            if (exp.getTime() - iat.getTime() > maxLifetimeMillis) {
                throw new IllegalArgumentException("lifetime");
            }
            String sub = c.getSubject();
            String jti = c.getJWTID();
            if (sub == null || sub.isEmpty() || jti == null || jti.isEmpty()) {
                throw new IllegalArgumentException("sub/jti");
            }
            Object scope = c.getClaim("scope");
            List<String> scopes = scope instanceof String s ? Arrays.asList(s.split(" ")) : List.of();
            return new Result(sub, jti, scopes, exp);
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
