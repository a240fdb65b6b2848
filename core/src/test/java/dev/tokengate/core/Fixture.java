package dev.tokengate.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;

/** Keys, issuer and validator on a test clock, plus hand-made tokens for the negative cases. */
final class Fixture {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final String ISSUER = "https://auth.example.com";
    static final String AUDIENCE = "documents-api";

    final MutableClock clock = new MutableClock(NOW);
    final KeyRing keys;
    final TokenIssuer issuer;
    final TokenValidator validator;

    Fixture() {
        this(SigningAlgorithm.ES256);
    }

    Fixture(SigningAlgorithm alg) {
        keys = KeyRing.builder().clock(clock).generate(alg).build();
        issuer = TokenIssuer.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock).build();
        validator = TokenValidator.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock).build();
    }

    String issue(TokenType type, String... scopes) {
        return issuer.issue(TechnicalToken.builder().type(type).expiration("15m").subject("user123").scope(scopes).build());
    }

    /** Claims as the issuer would write them, for tests that change one thing. */
    JWTClaimsSet.Builder claims(TokenType type) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject("user123").audience(AUDIENCE)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(900)))
                .jwtID("jti-0123456789abcdef").claim(TokenIssuer.CLAIM_TYPE, type.name()).claim("scope", "READ");
    }

    JWSHeader.Builder header(TokenType type) {
        KeyRing.SigningKey k = keys.signingKey();
        return new JWSHeader.Builder(k.algorithm().jws()).keyID(k.keyId()).type(new JOSEObjectType(type.typ()));
    }

    /** Signs with the ring's active key. */
    String sign(JWSHeader header, JWTClaimsSet claims) {
        return sign(header, claims, keys.signingKey().signer());
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    String sign(JWTClaimsSet claims) {
        return sign(header(TokenType.API_ACCESS).build(), claims);
    }

    static JWSAlgorithm alg(String name) {
        return JWSAlgorithm.parse(name);
    }
}
