package dev.tokengate.core.event;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenType;
import java.time.Instant;
import java.util.Objects;

/**
 * One security-relevant decision: a token issued, accepted, rejected, revoked or refreshed, or a
 * refresh-token reuse detected. Never holds a token or a secret.
 *
 * @param kind what happened
 * @param code the error code of a rejection (or of the reuse), otherwise {@code null}
 * @param type the token type, {@code null} when not known (e.g. an unparseable token)
 * @param tokenId the token id ({@code jti}, API-key id or refresh-family id), {@code null} when not known
 * @param keyHint the redacted API key ({@code tg_live_…x7Qa}) for API keys, otherwise {@code null}
 * @param subject the subject, {@code null} when not known; only ever taken from a verified token or record
 * @param at when it happened
 * @param expiresAt the token's expiry, {@code null} when not known
 * @param elapsedNanos how long a validation took, or {@code -1} for events that are not validations
 */
public record SecurityEvent(Kind kind, ErrorCode code, TokenType type, String tokenId, String keyHint,
        String subject, Instant at, Instant expiresAt, long elapsedNanos) {

    /** What happened. */
    public enum Kind {
        /** A token (access, refresh or API key) was issued. */
        ISSUED,
        /** A presented token was accepted. */
        ACCEPTED,
        /** A presented token was refused; {@link SecurityEvent#code()} says why. */
        REJECTED,
        /** A token, a subject's tokens or a refresh family was revoked. */
        REVOKED,
        /** A refresh token was rotated and a new access token issued. */
        REFRESHED,
        /** A rotated refresh token was presented again; its family is now revoked. */
        REUSE_DETECTED
    }

    /** Checks the required components. */
    public SecurityEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The redacted reference for logs: the API-key hint, or {@code TYPE:jti}; never the token.
     *
     * @return e.g. {@code API_ACCESS:Yq3...} or {@code tg_live_…x7Qa}
     */
    public String reference() {
        if (keyHint != null) {
            return keyHint;
        }
        return (type == null ? "token" : type.name()) + ":" + (tokenId == null ? "-" : tokenId);
    }
}
