package dev.tokengate.core;

/**
 * The stable code of every failure tokengate reports, with its HTTP status and its
 * RFC 6750 {@code error} value.
 *
 * <p>Codes are part of the public contract: clients and dashboards key on them, so a code is
 * never renamed. {@link #description()} is safe to show to a client; the precise reason
 * (how long ago a token expired, which scope was missing) lives in the exception message,
 * which is meant for logs.
 */
public enum ErrorCode {
    /** No token was presented. */
    TOKEN_MISSING("No access token was presented."),
    /** The request itself is malformed: two tokens, or an unreadable {@code Authorization} header. */
    INVALID_REQUEST("The request is malformed."),
    /** The token is not a well-formed token of a supported kind. */
    TOKEN_MALFORMED("The access token is malformed."),
    /** The token is longer than the configured cap; it was not parsed. */
    TOKEN_TOO_LARGE("The access token is too large."),
    /** The signature does not verify with the key the token names. */
    SIGNATURE_INVALID("The access token signature is invalid."),
    /** The token's algorithm is not the one its key is pinned to, or is {@code none}. */
    ALGORITHM_NOT_ALLOWED("The access token algorithm is not allowed."),
    /** The token names a key ({@code kid}) that is not known. */
    KEY_UNKNOWN("The access token was signed with an unknown key."),
    /** The token has expired. */
    TOKEN_EXPIRED("The access token has expired."),
    /** The token is not valid yet ({@code nbf} or {@code iat} in the future). */
    TOKEN_NOT_YET_VALID("The access token is not valid yet."),
    /** The token was issued by another issuer. */
    ISSUER_MISMATCH("The access token was issued by an untrusted issuer."),
    /** The token is meant for another audience. */
    AUDIENCE_MISMATCH("The access token is not meant for this service."),
    /** The token is of another type than the one required here. */
    TOKEN_TYPE_MISMATCH("The access token is of the wrong type."),
    /** The token lives longer than its type allows. */
    LIFETIME_EXCEEDED("The access token lifetime exceeds the allowed maximum."),
    /** The token has been revoked, or was a single-use token already used. */
    TOKEN_REVOKED("The access token has been revoked."),
    /** The token lacks a scope required here. */
    INSUFFICIENT_SCOPE("The access token lacks a required scope."),
    /** The token is bound to another resource than the one requested. */
    RESOURCE_MISMATCH("The access token does not grant access to this resource."),
    /** No usable verification key is available (a remote key set is unreachable). */
    KEYS_UNAVAILABLE("Verification keys are temporarily unavailable."),
    /** The token state store cannot be reached; the request is refused rather than trusted. */
    STORE_UNAVAILABLE("Token state is temporarily unavailable."),
    /** A refresh token that was already rotated was presented again; its family is revoked. */
    REFRESH_TOKEN_REUSED("The refresh token was already used."),
    /** The refresh token is unknown, expired, revoked or malformed. */
    REFRESH_TOKEN_INVALID("The refresh token is invalid."),
    /** A webhook delivery is missing a header or carries one that cannot be parsed. */
    WEBHOOK_MALFORMED("The webhook delivery is malformed."),
    /** No webhook signature matches the body with any configured secret. */
    WEBHOOK_SIGNATURE_INVALID("The webhook signature is invalid."),
    /** The webhook timestamp is outside the allowed window. */
    WEBHOOK_TIMESTAMP_INVALID("The webhook timestamp is outside the allowed window."),
    /** The webhook message id was already accepted: a replay. */
    WEBHOOK_REPLAYED("The webhook delivery was already received."),
    /** The webhook names a key or secret version that is not configured. */
    WEBHOOK_UNKNOWN_KEY("The webhook was signed with an unknown key."),
    /** The webhook body exceeds the configured size limit. */
    WEBHOOK_TOO_LARGE("The webhook body is too large.");

    private final String description;

    ErrorCode(String description) {
        this.description = description;
    }

    /** A description that is safe to show to the client: it never holds token data. */
    public String description() {
        return description;
    }

    /** The HTTP status a server answers with for this code. */
    public int httpStatus() {
        return switch (this) {
            case INVALID_REQUEST, REFRESH_TOKEN_REUSED, REFRESH_TOKEN_INVALID, WEBHOOK_MALFORMED,
                    WEBHOOK_TIMESTAMP_INVALID -> 400;
            case TOKEN_MISSING, TOKEN_MALFORMED, TOKEN_TOO_LARGE, SIGNATURE_INVALID, ALGORITHM_NOT_ALLOWED,
                    KEY_UNKNOWN, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, ISSUER_MISMATCH, AUDIENCE_MISMATCH,
                    TOKEN_TYPE_MISMATCH, LIFETIME_EXCEEDED, TOKEN_REVOKED, WEBHOOK_SIGNATURE_INVALID,
                    WEBHOOK_UNKNOWN_KEY -> 401;
            case INSUFFICIENT_SCOPE, RESOURCE_MISMATCH -> 403;
            case WEBHOOK_REPLAYED -> 409;
            case WEBHOOK_TOO_LARGE -> 413;
            case KEYS_UNAVAILABLE, STORE_UNAVAILABLE -> 503;
        };
    }

    /**
     * The OAuth error value for this code: the RFC 6750 {@code error} of the
     * {@code WWW-Authenticate} challenge, or RFC 6749 {@code invalid_grant} for refresh
     * failures; {@code null} where none applies (a missing token gets a bare challenge,
     * unavailability and webhook failures get none).
     */
    public String oauthError() {
        return switch (this) {
            case INVALID_REQUEST -> "invalid_request";
            case TOKEN_MALFORMED, TOKEN_TOO_LARGE, SIGNATURE_INVALID, ALGORITHM_NOT_ALLOWED, KEY_UNKNOWN,
                    TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, ISSUER_MISMATCH, AUDIENCE_MISMATCH, TOKEN_TYPE_MISMATCH,
                    LIFETIME_EXCEEDED, TOKEN_REVOKED -> "invalid_token";
            case INSUFFICIENT_SCOPE, RESOURCE_MISMATCH -> "insufficient_scope";
            case REFRESH_TOKEN_REUSED, REFRESH_TOKEN_INVALID -> "invalid_grant";
            case TOKEN_MISSING, KEYS_UNAVAILABLE, STORE_UNAVAILABLE, WEBHOOK_MALFORMED,
                    WEBHOOK_SIGNATURE_INVALID, WEBHOOK_TIMESTAMP_INVALID, WEBHOOK_REPLAYED,
                    WEBHOOK_UNKNOWN_KEY, WEBHOOK_TOO_LARGE -> null;
        };
    }
}
