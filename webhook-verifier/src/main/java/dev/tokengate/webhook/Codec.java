package dev.tokengate.webhook;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hex, base64, HMAC and SHA-256 helpers for the verifier and the signer. */
final class Codec {

    static final String HMAC_SHA256 = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Codec() {
    }

    /** A fresh, initialized HMAC-SHA256 (a {@code Mac} is not thread-safe, so one per call). */
    static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes exactly {@code bytes} bytes of hex (either case) starting at {@code from};
     * a wrong length or a non-hex character is {@code WEBHOOK_MALFORMED}.
     */
    static byte[] unhex(String s, int from, int bytes, String what) {
        if (s.length() - from != bytes * 2) {
            throw malformed(what + " must be " + bytes * 2 + " hex digits, found " + (s.length() - from) + " characters");
        }
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int hi = Character.digit(s.charAt(from + 2 * i), 16);
            int lo = Character.digit(s.charAt(from + 2 * i + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(from + 2 * i) > 'f' || s.charAt(from + 2 * i + 1) > 'f') {
                throw malformed(what + " holds a character that is not a hex digit");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** Decodes standard base64 that must yield exactly {@code bytes} bytes, else {@code WEBHOOK_MALFORMED}. */
    static byte[] unbase64(String s, int bytes, String what) {
        byte[] out;
        try {
            out = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw malformed(what + " is not base64");
        }
        if (out.length != bytes) {
            throw malformed(what + " decodes to " + out.length + " bytes, not " + bytes);
        }
        return out;
    }

    static TokenException malformed(String message) {
        return new TokenException(ErrorCode.WEBHOOK_MALFORMED, message);
    }
}
