package dev.tokengate.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A token whose signature and claims have been verified: who it speaks for, what it grants,
 * and until when.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the type, subject and {@code jti}; it
 * never holds the token itself.
 *
 * @param type the token type
 * @param subject the subject ({@code sub})
 * @param issuer the issuer ({@code iss}), {@code null} for opaque API keys
 * @param audience the audiences ({@code aud})
 * @param scopes the scopes the token carries, in claim order
 * @param effectiveScopes the scopes it carries plus every scope they imply in the configured hierarchy
 * @param metadata the {@code metadata} claim
 * @param bindings the resource ids the token is bound to
 * @param issuedAt the {@code iat} instant
 * @param expiresAt the {@code exp} instant
 * @param notBefore the {@code nbf} instant, or {@code null}
 * @param id the token id ({@code jti}), unique per token
 * @param keyId the id of the key that signed it, {@code null} for opaque API keys
 * @param claims every claim, as parsed
 */
public record ValidatedToken(TokenType type, String subject, String issuer, List<String> audience,
        List<String> scopes, Set<String> effectiveScopes, Map<String, Object> metadata, List<String> bindings,
        Instant issuedAt, Instant expiresAt, Instant notBefore, String id, String keyId, Map<String, Object> claims) {

    /**
     * The name under which adapters store the validated token of a request: the servlet filter
     * as a request attribute, the JAX-RS filter as a request property (which servlet-based JAX-RS
     * runtimes back with the same attribute). An adapter that finds a {@code ValidatedToken}
     * there reuses it instead of validating the token a second time.
     */
    public static final String REQUEST_ATTRIBUTE = "dev.tokengate.core.ValidatedToken";

    /** Copies the collections. */
    public ValidatedToken {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(id, "id");
        audience = List.copyOf(audience);
        scopes = List.copyOf(scopes);
        effectiveScopes = Set.copyOf(effectiveScopes);
        metadata = immutable(metadata);
        bindings = List.copyOf(bindings);
        claims = immutable(claims);
    }

    /** An insertion-ordered immutable copy; a map the validator already made immutable is kept as it is. */
    private static Map<String, Object> immutable(Map<String, Object> map) {
        if (map instanceof ClaimsMap c) {
            return c;
        }
        return map.isEmpty() ? ClaimsMap.EMPTY : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    /**
     * Whether the token grants this scope, directly or through the hierarchy.
     *
     * @param scope a scope name
     * @return true if granted
     */
    public boolean hasScope(String scope) {
        return effectiveScopes.contains(scope);
    }

    @Override
    public String toString() {
        return "ValidatedToken[type=" + type + ", subject=" + subject + ", jti=" + id + ", scopes=" + scopes
                + ", expiresAt=" + expiresAt + "]";
    }
}
