package dev.tokengate.core.store;

import dev.tokengate.core.TokenType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One refresh-token family: the grant a chain of rotated refresh tokens continues, the access
 * token each refresh re-issues, and the hash of the one refresh token currently valid.
 *
 * <p>Only the SHA-256 hash of a refresh token is ever stored. Every component is a string,
 * number, instant or list/map of JSON values, so a remote store can serialize it field by field.
 *
 * @param familyId the family id (also embedded in every refresh token of the family)
 * @param subject the subject of the grant
 * @param type the type of the access tokens it issues
 * @param scopes their scopes
 * @param audience their audiences (empty: the issuer's default)
 * @param metadata their metadata
 * @param bindings their resource bindings
 * @param accessLifetime their lifetime
 * @param createdAt when the family was created (checked against subject revocations)
 * @param currentHash the SHA-256 hash (base64url) of the refresh token currently valid
 * @param revoked whether the family is revoked (reuse detected, or revoked explicitly)
 */
public record RefreshFamily(String familyId, String subject, TokenType type, List<String> scopes,
        List<String> audience, Map<String, Object> metadata, List<String> bindings, Duration accessLifetime,
        Instant createdAt, String currentHash, boolean revoked) {

    /** Validates and copies the components. */
    public RefreshFamily {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(type, "type");
        scopes = List.copyOf(scopes);
        audience = List.copyOf(audience);
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(accessLifetime, "accessLifetime");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(currentHash, "currentHash");
    }

    /**
     * This family with another current hash.
     *
     * @param hash the new current hash
     * @return a copy
     */
    public RefreshFamily withCurrentHash(String hash) {
        return new RefreshFamily(familyId, subject, type, scopes, audience, metadata, bindings, accessLifetime,
                createdAt, hash, revoked);
    }

    /** This family, revoked. */
    public RefreshFamily asRevoked() {
        return new RefreshFamily(familyId, subject, type, scopes, audience, metadata, bindings, accessLifetime,
                createdAt, currentHash, true);
    }

    @Override
    public String toString() {
        return "RefreshFamily[" + familyId + ", subject=" + subject + ", type=" + type + ", revoked=" + revoked + "]";
    }
}
