package dev.tokengate.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a token endpoint answers (RFC 6749 §5.1): an access token, its lifetime and scopes, and
 * optionally a refresh token. {@link #toString()} never shows either token.
 *
 * @param accessToken the access token (a JWT)
 * @param tokenId the access token's {@code jti}
 * @param expiresIn the access token's lifetime
 * @param expiresAt when the access token expires
 * @param scopes its scopes
 * @param refreshToken the refresh token, or {@code null} when none was asked for
 * @param refreshExpiresAt when the refresh token expires unless used, or {@code null}
 */
public record TokenPair(String accessToken, String tokenId, Duration expiresIn, Instant expiresAt, List<String> scopes,
        String refreshToken, Instant refreshExpiresAt) {

    /** Validates and copies the components. */
    public TokenPair {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = List.copyOf(scopes);
    }

    /** Always {@code Bearer}: the RFC 6749 {@code token_type}. */
    public String tokenType() {
        return "Bearer";
    }

    @Override
    public String toString() {
        return "TokenPair[jti=" + tokenId + ", expiresAt=" + expiresAt + ", scopes=" + scopes + ", accessToken=***"
                + (refreshToken == null ? "" : ", refreshToken=***") + "]";
    }
}
