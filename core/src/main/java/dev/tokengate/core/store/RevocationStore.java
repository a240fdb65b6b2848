package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Instant;

/**
 * Remembers revoked tokens: single tokens by id ({@code jti}, or an API-key id), and whole
 * subjects as "every token of subject S issued before instant T is revoked".
 *
 * <p>Each method is one atomic call (on Redis: {@code SET PX}, {@code EXISTS}/{@code MGET}). An
 * entry is kept until the {@code until} instant, normally the expiry of the token it concerns:
 * after that the token fails on its own expiry and the entry is no longer needed.
 *
 * <p>Implementations are thread-safe. They throw {@link dev.tokengate.core.TokenException} with
 * {@link dev.tokengate.core.ErrorCode#STORE_UNAVAILABLE} when their backend cannot be reached.
 */
public interface RevocationStore {

    /**
     * Revokes one token.
     *
     * @param tokenId the token id ({@code jti})
     * @param until when the entry may be forgotten (the token's expiry)
     */
    void revoke(String tokenId, Instant until);

    /**
     * Revokes every token of a subject issued before an instant (tokens issued later stay valid).
     * A later call with an earlier instant does not shorten an existing cut-off.
     *
     * @param subject the subject ({@code sub})
     * @param issuedBefore tokens with {@code iat} strictly before this instant are revoked
     * @param until when the entry may be forgotten (no token issued before the cut-off lives longer)
     */
    void revokeSubject(String subject, Instant issuedBefore, Instant until);

    /**
     * Whether a token is revoked, by id or through its subject; the check a validator makes on
     * every request, in one call.
     *
     * @param tokenId the token id
     * @param subject the token's subject, or {@code null} to check the id only
     * @param issuedAt the token's {@code iat}, or {@code null} to check the id only
     * @return true if revoked
     */
    boolean isRevoked(String tokenId, String subject, Instant issuedAt);

    /**
     * Whether a token id is revoked.
     *
     * @param tokenId the token id
     * @return true if revoked
     */
    default boolean isRevoked(String tokenId) {
        return isRevoked(tokenId, null, null);
    }

    /**
     * An in-memory store on the system clock holding at most 1,000,000 live entries.
     *
     * @return a new store
     */
    static RevocationStore inMemory() {
        return inMemory(Clock.systemUTC(), 1_000_000);
    }

    /**
     * An in-memory store; entries vanish at their {@code until} instant on {@code clock}.
     *
     * @param clock the clock deciding when entries expire
     * @param maxEntries the most live entries; beyond it a revocation is refused with {@code STORE_UNAVAILABLE}
     * @return a new store
     */
    static RevocationStore inMemory(Clock clock, long maxEntries) {
        return new InMemoryRevocationStore(clock, maxEntries);
    }
}
