package dev.tokengate.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tokengate.core.KeyRing;
import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import java.time.Clock;
import java.time.Duration;

/** The keys, issuer and tokens every benchmark shares, so that each side sees the same bytes. */
final class Fixtures {

    static final String ISSUER = "https://auth.example.com";
    static final String AUDIENCE = "documents-api";
    static final Duration SKEW = Duration.ofSeconds(60);

    final Clock clock = Clock.systemUTC();
    final SigningAlgorithm algorithm;
    final KeyRing keys;
    final TokenIssuer issuer;
    final JWK jwk;

    Fixtures(SigningAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.keys = KeyRing.builder().clock(clock).generate(algorithm).build();
        this.issuer = TokenIssuer.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock).build();
        this.jwk = keys.toJwkSet().getKeys().get(0);
    }

    /** A typical API token: two scopes, a subject, one metadata entry, valid for an hour. */
    String token() {
        return issuer.issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h")
                .scope("READ", "WRITE").subject("user123").metadata("environment", "PRODUCTION").build());
    }

    /** The validator users get by default, with the given cache size (0: every call verifies). */
    TokenValidator.Builder validator(int cacheSize) {
        return TokenValidator.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock).clockSkew(SKEW)
                .cache(cacheSize);
    }

    /** The public key of the ring's active key, as nimbus's own verifier. */
    JWSVerifier nimbusVerifier() {
        try {
            if (jwk instanceof OctetSequenceKey k) {
                return new MACVerifier(k);
            }
            if (jwk instanceof RSAKey k) {
                return new RSASSAVerifier(k.toRSAPublicKey());
            }
            if (jwk instanceof ECKey k) {
                return new ECDSAVerifier(k.toECPublicKey());
            }
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("unexpected key " + jwk.getKeyType());
    }

    JWSAlgorithm jwsAlgorithm() {
        return algorithm.jws();
    }

    /** The public JWK set (for HS256: the secret, as a verifier needs it). */
    JWKSet verificationJwkSet() {
        return new JWKSet(jwk instanceof OctetSequenceKey ? jwk : jwk.toPublicJWK());
    }
}
