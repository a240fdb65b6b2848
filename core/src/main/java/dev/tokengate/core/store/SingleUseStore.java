package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers single-use token ids (for example a signature-session link that works once): the
 * first {@link #claim} of an id wins, every later one loses until the entry expires.
 *
 * <p>On Redis: {@code SET id 1 NX PX ttl}. Thread-safe; throws
 * {@link dev.tokengate.core.TokenException} with {@link dev.tokengate.core.ErrorCode#STORE_UNAVAILABLE}
 * when the backend cannot be reached.
 */
@FunctionalInterface
public interface SingleUseStore {

    /**
     * Claims an id, atomically.
     *
     * @param id the token id
     * @param ttl how long to remember the claim (at least until the token expires)
     * @return true for the first claim, false if the id was already claimed
     */
    boolean claim(String id, Duration ttl);

    /**
     * An in-memory store on the system clock, at most 1,000,000 live entries.
     *
     * @return a new store
     */
    static SingleUseStore inMemory() {
        return inMemory(Clock.systemUTC(), 1_000_000);
    }

    /**
     * An in-memory store.
     *
     * @param clock the clock deciding when claims expire
     * @param maxEntries the most live claims; beyond it a claim is refused with {@code STORE_UNAVAILABLE}
     * @return a new store
     */
    static SingleUseStore inMemory(Clock clock, long maxEntries) {
        return new InMemoryClaimStore(clock, maxEntries, "single-use");
    }
}
