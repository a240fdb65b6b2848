package dev.tokengate.core.store;

import java.time.Clock;

/**
 * Holds the records of opaque API keys, by the SHA-256 hash of the key (the key itself is
 * never stored). A record is forgotten at its {@code expiresAt}.
 *
 * <p>Thread-safe; throws {@link dev.tokengate.core.TokenException} with
 * {@link dev.tokengate.core.ErrorCode#STORE_UNAVAILABLE} when the backend cannot be reached.
 */
public interface ApiKeyStore {

    /**
     * Stores a record until its {@code expiresAt}.
     *
     * @param record the record
     */
    void save(ApiKeyRecord record);

    /**
     * The record of a key.
     *
     * @param keyHash the SHA-256 hash of the presented key, base64url
     * @return the record, or {@code null} when unknown or expired
     */
    ApiKeyRecord find(String keyHash);

    /**
     * Deletes a record.
     *
     * @param keyHash the hash of the key
     * @return true if a record was deleted
     */
    boolean delete(String keyHash);

    /**
     * An in-memory store on the system clock, at most 1,000,000 live keys.
     *
     * @return a new store
     */
    static ApiKeyStore inMemory() {
        return inMemory(Clock.systemUTC(), 1_000_000);
    }

    /**
     * An in-memory store.
     *
     * @param clock the clock deciding when records expire
     * @param maxEntries the most live records; beyond it {@code save} is refused with {@code STORE_UNAVAILABLE}
     * @return a new store
     */
    static ApiKeyStore inMemory(Clock clock, long maxEntries) {
        return new InMemoryApiKeyStore(clock, maxEntries);
    }
}
