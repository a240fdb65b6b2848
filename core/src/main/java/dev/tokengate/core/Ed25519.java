package dev.tokengate.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Set;

/**
 * EdDSA on Ed25519 through the JDK's provider (Java 15+), so that core needs no Tink.
 * Raw 32-byte JWK members are wrapped in the fixed DER prefixes of RFC 8410.
 */
final class Ed25519 {

    private static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private Ed25519() {
    }

    static OctetKeyPair generate(String kid) {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x = tail(kp.getPublic().getEncoded());
            byte[] d = tail(kp.getPrivate().getEncoded());
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d))
                    .keyID(kid).algorithm(JWSAlgorithm.EdDSA).keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 support", e);
        }
    }

    static JWSSigner signer(OctetKeyPair jwk) {
        if (jwk.getD() == null) {
            throw new IllegalArgumentException("key '" + jwk.getKeyID() + "' has no private part");
        }
        PrivateKey key = privateKey(jwk.getDecodedD());
        return new JWSSigner() {
            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                try {
                    Signature s = Signature.getInstance("Ed25519");
                    s.initSign(key);
                    s.update(signingInput);
                    return Base64URL.encode(s.sign());
                } catch (GeneralSecurityException e) {
                    throw new JOSEException("Ed25519 signing failed", e);
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return Set.of(JWSAlgorithm.EdDSA);
            }

            @Override
            public JCAContext getJCAContext() {
                return new JCAContext();
            }
        };
    }

    static JWSVerifier verifier(OctetKeyPair jwk) {
        PublicKey key = publicKey(jwk.getDecodedX());
        return new JWSVerifier() {
            @Override
            public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
                byte[] sig = signature.decode();
                if (sig.length != 64) {
                    return false;
                }
                try {
                    Signature s = Signature.getInstance("Ed25519");
                    s.initVerify(key);
                    s.update(signingInput);
                    return s.verify(sig);
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return Set.of(JWSAlgorithm.EdDSA);
            }

            @Override
            public JCAContext getJCAContext() {
                return new JCAContext();
            }
        };
    }

    static PublicKey publicKey(byte[] x) {
        if (x.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, found " + x.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, x)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 public key", e);
        }
    }

    private static PrivateKey privateKey(byte[] d) {
        if (d.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, found " + d.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, d)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 private key", e);
        }
    }

    private static byte[] tail(byte[] der) {
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
