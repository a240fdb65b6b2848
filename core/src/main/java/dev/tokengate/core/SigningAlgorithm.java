package dev.tokengate.core;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The JWS algorithms tokengate signs and verifies with. Each key is pinned to exactly one of
 * them; {@code none} does not exist here.
 */
public enum SigningAlgorithm {
    /** HMAC with SHA-256; a secret of at least 256 bits. */
    HS256(JWSAlgorithm.HS256),
    /** HMAC with SHA-384; a secret of at least 384 bits. */
    HS384(JWSAlgorithm.HS384),
    /** HMAC with SHA-512; a secret of at least 512 bits. */
    HS512(JWSAlgorithm.HS512),
    /** RSASSA-PKCS1-v1_5 with SHA-256; RSA keys of at least 2048 bits. */
    RS256(JWSAlgorithm.RS256),
    /** RSASSA-PSS with SHA-256; RSA keys of at least 2048 bits. */
    PS256(JWSAlgorithm.PS256),
    /** ECDSA on P-256 with SHA-256. */
    ES256(JWSAlgorithm.ES256),
    /** EdDSA on Ed25519, through the JDK's own Ed25519 (no extra dependency). */
    EdDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jws;

    SigningAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    /** The nimbus algorithm. */
    public JWSAlgorithm jws() {
        return jws;
    }

    /** Whether this is an HMAC algorithm (a shared secret, never published). */
    public boolean symmetric() {
        return this == HS256 || this == HS384 || this == HS512;
    }

    /**
     * Parses an algorithm name exactly as JOSE writes it ({@code ES256}, {@code EdDSA}, ...).
     *
     * @param name the name
     * @return the algorithm
     * @throws IllegalArgumentException naming the value and the supported names
     */
    public static SigningAlgorithm parse(String name) {
        for (SigningAlgorithm a : values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported algorithm '" + name + "'; supported: "
                + java.util.Arrays.toString(values()));
    }
}
