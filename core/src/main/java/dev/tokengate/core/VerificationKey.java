package dev.tokengate.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Objects;

/**
 * One key that verifies signatures, pinned to exactly one algorithm.
 *
 * <p>Built from a JWK; weak keys are refused here, once, so that no request ever meets one:
 * RSA below 2048 bits, HMAC secrets shorter than the hash (256 bits for HS256), EC keys off
 * P-256, OKP keys other than Ed25519. Immutable and thread-safe.
 */
public final class VerificationKey {

    private final String keyId;
    private final SigningAlgorithm algorithm;
    private final JWSVerifier verifier;

    private VerificationKey(String keyId, SigningAlgorithm algorithm, JWSVerifier verifier) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.verifier = verifier;
    }

    /**
     * Builds a verification key from a JWK whose {@code alg} and {@code kid} members are set.
     *
     * @param jwk the key (public or private)
     * @return the key
     * @throws IllegalArgumentException if {@code kid} or {@code alg} is missing or unsupported, or the key is weak
     */
    public static VerificationKey of(JWK jwk) {
        if (jwk.getAlgorithm() == null) {
            throw new IllegalArgumentException("key '" + jwk.getKeyID() + "' has no 'alg': every key must be pinned to one algorithm");
        }
        return of(jwk, SigningAlgorithm.parse(jwk.getAlgorithm().getName()));
    }

    /**
     * Builds a verification key from a JWK, pinned to {@code algorithm}.
     *
     * @param jwk the key (public or private); its {@code kid} is required
     * @param algorithm the one algorithm this key verifies
     * @return the key
     * @throws IllegalArgumentException if the key does not suit the algorithm or is weak
     */
    public static VerificationKey of(JWK jwk, SigningAlgorithm algorithm) {
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(algorithm, "algorithm");
        requireSuitable(jwk, algorithm);
        try {
            JWSVerifier verifier = switch (algorithm) {
                case HS256, HS384, HS512 -> new MACVerifier(((OctetSequenceKey) jwk).toByteArray());
                case RS256, PS256 -> new RSASSAVerifier(((RSAKey) jwk).toRSAPublicKey());
                case ES256 -> new ECDSAVerifier(((ECKey) jwk).toECPublicKey());
                case EdDSA -> Ed25519.verifier((OctetKeyPair) jwk);
            };
            return new VerificationKey(jwk.getKeyID(), algorithm, verifier);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("key '" + jwk.getKeyID() + "' cannot verify " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /** Builds a signer for a private or secret JWK already checked by {@link #requireSuitable}. */
    static JWSSigner signer(JWK jwk, SigningAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case HS256, HS384, HS512 -> new MACSigner(((OctetSequenceKey) jwk).toByteArray());
                case RS256, PS256 -> new RSASSASigner((RSAKey) jwk);
                case ES256 -> new ECDSASigner((ECKey) jwk);
                case EdDSA -> Ed25519.signer((OctetKeyPair) jwk);
            };
        } catch (JOSEException e) {
            throw new IllegalArgumentException("key '" + jwk.getKeyID() + "' cannot sign " + algorithm + ": " + e.getMessage(), e);
        }
    }

    static void requireSuitable(JWK jwk, SigningAlgorithm algorithm) {
        String kid = jwk.getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw new IllegalArgumentException("every key needs a 'kid'");
        }
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm.name())) {
            throw new IllegalArgumentException("key '" + kid + "' is pinned to " + jwk.getAlgorithm() + ", not " + algorithm);
        }
        switch (algorithm) {
            case HS256, HS384, HS512 -> {
                if (!(jwk instanceof OctetSequenceKey k)) {
                    throw wrongType(kid, algorithm, "an 'oct' key");
                }
                int min = Integer.parseInt(algorithm.name().substring(2));
                if (k.size() < min) {
                    throw new IllegalArgumentException("key '" + kid + "' is a " + k.size() + "-bit secret; "
                            + algorithm + " needs at least " + min + " bits");
                }
            }
            case RS256, PS256 -> {
                if (!(jwk instanceof RSAKey k)) {
                    throw wrongType(kid, algorithm, "an 'RSA' key");
                }
                if (k.size() < 2048) {
                    throw new IllegalArgumentException("key '" + kid + "' is a " + k.size()
                            + "-bit RSA key; at least 2048 bits are required");
                }
            }
            case ES256 -> {
                if (!(jwk instanceof ECKey k) || !Curve.P_256.equals(k.getCurve())) {
                    throw wrongType(kid, algorithm, "an 'EC' key on P-256");
                }
            }
            case EdDSA -> {
                if (!(jwk instanceof OctetKeyPair k) || !Curve.Ed25519.equals(k.getCurve())) {
                    throw wrongType(kid, algorithm, "an 'OKP' key on Ed25519");
                }
            }
        }
    }

    private static IllegalArgumentException wrongType(String kid, SigningAlgorithm alg, String expected) {
        return new IllegalArgumentException("key '" + kid + "' cannot be used with " + alg + ": it needs " + expected);
    }

    /** The key id ({@code kid}). */
    public String keyId() {
        return keyId;
    }

    /** The one algorithm this key verifies. */
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    JWSVerifier verifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return "VerificationKey[" + keyId + ", " + algorithm + "]";
    }
}
