package dev.tokengate.core;

import java.time.Duration;

/**
 * The five kinds of technical token of the document-signing platform.
 *
 * <p>Each type has its own JOSE {@code typ} header (explicit typing, RFC 8725 §3.11), so a token
 * of one type never passes where another is required, and a default maximum lifetime that the
 * issuer and the validator both enforce.
 */
public enum TokenType {
    /** Machine-to-machine API access; {@code typ} is {@code at+jwt} (RFC 9068). */
    API_ACCESS("at+jwt", Duration.ofDays(1)),
    /** Opens one or more documents, named by resource bindings. */
    DOCUMENT_ACCESS("document-access+jwt", Duration.ofDays(7)),
    /** A signing ceremony for one signature session, usually single-use. */
    SIGNATURE_SESSION("signature-session+jwt", Duration.ofDays(1)),
    /** Attached to an outgoing webhook delivery; binds message id, timestamp and body hash. */
    WEBHOOK_VERIFICATION("webhook-verification+jwt", Duration.ofMinutes(15)),
    /** Operator and system tasks (administration, token endpoints). */
    SYSTEM_OPERATION("system-operation+jwt", Duration.ofDays(1));

    private final String typ;
    private final Duration defaultMaxLifetime;

    TokenType(String typ, Duration defaultMaxLifetime) {
        this.typ = typ;
        this.defaultMaxLifetime = defaultMaxLifetime;
    }

    /** The JOSE {@code typ} header value of this type. */
    public String typ() {
        return typ;
    }

    /** The longest lifetime ({@code exp - iat}) a token of this type may have unless configured otherwise. */
    public Duration defaultMaxLifetime() {
        return defaultMaxLifetime;
    }

    /**
     * The type whose {@code typ} header is {@code typ}, compared case-insensitively as RFC 7515
     * asks; {@code null} if none.
     *
     * @param typ a {@code typ} header value, may be {@code null}
     * @return the type, or {@code null}
     */
    public static TokenType fromTyp(String typ) {
        if (typ == null) {
            return null;
        }
        String t = typ.regionMatches(true, 0, "application/", 0, 12) ? typ.substring(12) : typ;
        for (TokenType type : values()) {
            if (type.typ.equalsIgnoreCase(t)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Parses a type name such as {@code API_ACCESS}.
     *
     * @param name the enum constant name, case-sensitive
     * @return the type
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static TokenType parse(String name) {
        for (TokenType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown token type '" + name + "'; expected one of "
                + java.util.Arrays.toString(values()));
    }
}
