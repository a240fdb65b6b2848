package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Duration;

/**
 * Holds refresh-token families and rotates them atomically (RFC 6749 §6, with reuse detection
 * as in RFC 9700 §4.14.2).
 *
 * <p>{@link #rotate} is the decisive operation and must be atomic (on Redis: one Lua script over
 * a hash holding the family and a set of the hashes it has rotated away): it is what makes
 * exactly one of many concurrent refreshes with the same token succeed. Only hashes of refresh
 * tokens are ever passed in.
 *
 * <p>Thread-safe; throws {@link dev.tokengate.core.TokenException} with
 * {@link dev.tokengate.core.ErrorCode#STORE_UNAVAILABLE} when the backend cannot be reached.
 */
public interface RefreshFamilyStore {

    /**
     * Stores a new family.
     *
     * @param family the family, its first refresh token's hash as current
     * @param ttl how long the family lives without a refresh
     */
    void create(RefreshFamily family, Duration ttl);

    /**
     * The family with this id.
     *
     * @param familyId the id
     * @return the family (possibly revoked), or {@code null} when unknown or expired
     */
    RefreshFamily find(String familyId);

    /**
     * Rotates a family atomically:
     * <ul>
     * <li>no such family: {@link RotateOutcome#UNKNOWN};</li>
     * <li>family revoked: {@link RotateOutcome#REVOKED};</li>
     * <li>{@code presentedHash} is the current hash: {@code newHash} becomes current, the
     *     presented one is remembered as rotated, the family lives {@code ttl} more:
     *     {@link RotateOutcome#ROTATED};</li>
     * <li>{@code presentedHash} was rotated before: the family is revoked:
     *     {@link RotateOutcome#REUSED};</li>
     * <li>otherwise: {@link RotateOutcome#UNKNOWN}, nothing changes.</li>
     * </ul>
     *
     * @param familyId the family id
     * @param presentedHash the hash of the presented refresh token
     * @param newHash the hash of its successor
     * @param ttl how long the family lives from now without another refresh
     * @return the outcome
     */
    RotateOutcome rotate(String familyId, String presentedHash, String newHash, Duration ttl);

    /**
     * Revokes a family: none of its refresh tokens works again. Unknown ids are ignored.
     *
     * @param familyId the family id
     * @return true if a live family was revoked by this call
     */
    boolean revoke(String familyId);

    /**
     * An in-memory store on the system clock, at most 1,000,000 live families.
     *
     * @return a new store
     */
    static RefreshFamilyStore inMemory() {
        return inMemory(Clock.systemUTC(), 1_000_000);
    }

    /**
     * An in-memory store; each family remembers its last 64 rotated hashes for reuse detection.
     *
     * @param clock the clock deciding when families expire
     * @param maxEntries the most live families; beyond it {@code create} is refused with {@code STORE_UNAVAILABLE}
     * @return a new store
     */
    static RefreshFamilyStore inMemory(Clock clock, long maxEntries) {
        return new InMemoryRefreshFamilyStore(clock, maxEntries);
    }
}
