package dev.tokengate.core.http;

/**
 * What an adapter sends for a refused request: status, the optional {@code WWW-Authenticate}
 * and {@code Retry-After} header values, and an RFC 9457 {@code application/problem+json} body.
 *
 * <p>Nothing here echoes the token or names a Java class.
 *
 * @param status the HTTP status
 * @param wwwAuthenticate the {@code WWW-Authenticate} value, or {@code null} for none
 * @param retryAfter the {@code Retry-After} value in seconds, or {@code null} for none
 * @param body the problem JSON
 */
public record ErrorResponse(int status, String wwwAuthenticate, String retryAfter, String body) {

    /** The media type of {@link #body()}. */
    public static final String CONTENT_TYPE = "application/problem+json";
}
