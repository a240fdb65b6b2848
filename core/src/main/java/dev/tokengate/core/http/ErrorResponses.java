package dev.tokengate.core.http;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.InsufficientScopeException;
import dev.tokengate.core.TokenException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link TokenException} into the response RFC 6750 and RFC 9457 ask for, with header
 * values computed once per code at construction.
 *
 * <ul>
 *   <li>{@code TOKEN_MISSING}: 401, bare {@code Bearer realm="…"} challenge.</li>
 *   <li>{@code invalid_token} codes: 401, {@code error="invalid_token"}.</li>
 *   <li>{@code INSUFFICIENT_SCOPE}, {@code RESOURCE_MISMATCH}: 403,
 *       {@code error="insufficient_scope"} with {@code scope="…"}.</li>
 *   <li>{@code INVALID_REQUEST}: 400, {@code error="invalid_request"}.</li>
 *   <li>{@code KEYS_UNAVAILABLE}, {@code STORE_UNAVAILABLE}: 503 with {@code Retry-After}.</li>
 * </ul>
 * Bodies are {@code {"type","title","status","detail","code"}}. Immutable and thread-safe.
 */
public final class ErrorResponses {

    /** The default realm. */
    public static final String DEFAULT_REALM = "tokengate";
    /** The default {@code Retry-After}, in seconds. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

    private final Map<ErrorCode, ErrorResponse> byCode = new EnumMap<>(ErrorCode.class);

    /**
     * Creates the renderer.
     *
     * @param realm the realm of the challenges: printable ASCII without quote or backslash
     * @param retryAfterSeconds the {@code Retry-After} of 503 answers, 1 to 3600
     * @throws IllegalArgumentException naming a bad realm or delay
     */
    public ErrorResponses(String realm, int retryAfterSeconds) {
        if (realm == null || realm.isEmpty() || !isQuotable(realm)) {
            throw new IllegalArgumentException("realm '" + realm + "' must be non-empty printable ASCII without quotes or backslashes");
        }
        if (retryAfterSeconds < 1 || retryAfterSeconds > 3600) {
            throw new IllegalArgumentException("retryAfterSeconds must be between 1 and 3600, was " + retryAfterSeconds);
        }
        String bare = "Bearer realm=\"" + realm + "\"";
        for (ErrorCode code : ErrorCode.values()) {
            String challenge = null;
            if (code == ErrorCode.TOKEN_MISSING) {
                challenge = bare;
            } else if (code.httpStatus() != 503 && code.oauthError() != null && !"invalid_grant".equals(code.oauthError())) {
                challenge = bare + ", error=\"" + code.oauthError() + "\", error_description=\"" + code.description() + "\"";
            }
            String retry = code.httpStatus() == 503 ? Integer.toString(retryAfterSeconds) : null;
            byCode.put(code, new ErrorResponse(code.httpStatus(), challenge, retry, problemJson(code)));
        }
    }

    /** A renderer with the default realm and {@code Retry-After}. */
    public static ErrorResponses defaults() {
        return new ErrorResponses(DEFAULT_REALM, DEFAULT_RETRY_AFTER_SECONDS);
    }

    /**
     * The response for a failure.
     *
     * @param failure the refusal
     * @return the response; for a scope failure its challenge names the required scopes
     */
    public ErrorResponse render(TokenException failure) {
        ErrorResponse base = byCode.get(failure.code());
        if (failure instanceof InsufficientScopeException s && base.wwwAuthenticate() != null && !s.requiredScopes().isEmpty()) {
            return new ErrorResponse(base.status(), base.wwwAuthenticate() + ", scope=\"" + scopeValue(s.requiredScopes()) + "\"",
                    base.retryAfter(), base.body());
        }
        return base;
    }

    /**
     * The response for a code without an exception at hand.
     *
     * @param code the code
     * @return the precomputed response
     */
    public ErrorResponse render(ErrorCode code) {
        return byCode.get(code);
    }

    /**
     * The RFC 9457 body for a code: {@code type}, {@code title}, {@code status}, {@code detail}, {@code code}.
     *
     * @param code the code
     * @return the JSON text
     */
    public static String problemJson(ErrorCode code) {
        return "{\"type\":\"https://tokengate.dev/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "\",\"title\":\"" + title(code.httpStatus()) + "\",\"status\":" + code.httpStatus()
                + ",\"detail\":\"" + code.description() + "\",\"code\":\"" + code.name() + "\"}";
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    /** Scope tokens are already restricted to RFC 6750 characters; anything else is dropped. */
    private static String scopeValue(List<String> scopes) {
        StringBuilder sb = new StringBuilder();
        for (String s : scopes) {
            if (isQuotable(s) && s.indexOf(' ') < 0) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(s);
            }
        }
        return sb.toString();
    }

    /** RFC 6750 §3: %x20-21 / %x23-5B / %x5D-7E. */
    private static boolean isQuotable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
