package dev.tokengate.core.store;

import dev.tokengate.core.TokenType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the store knows of one opaque API key: never the key itself, only its SHA-256 hash and a
 * redacted hint (prefix and last 4 characters) for people to recognize it.
 *
 * @param id the key id, not secret; acts as the {@code jti} for revocation, events and usage
 * @param keyHash the SHA-256 hash of the whole key, base64url without padding
 * @param hint the redacted key, e.g. {@code tg_live_…x7Qa}
 * @param type the token type the key stands for
 * @param subject its subject
 * @param scopes its scopes
 * @param metadata its metadata
 * @param bindings its resource bindings
 * @param createdAt when it was issued
 * @param expiresAt when it stops working
 */
public record ApiKeyRecord(String id, String keyHash, String hint, TokenType type, String subject,
        List<String> scopes, Map<String, Object> metadata, List<String> bindings, Instant createdAt, Instant expiresAt) {

    /** Validates and copies the components. */
    public ApiKeyRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        scopes = List.copyOf(scopes);
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
