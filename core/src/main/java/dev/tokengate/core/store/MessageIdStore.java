package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers webhook message ids so that a replayed delivery is refused: the first
 * {@link #claim} of an id wins, every later one loses until the entry expires.
 *
 * <p>On Redis: {@code SET id 1 NX PX ttl}. Thread-safe; throws
 * {@link dev.tokengate.core.TokenException} with {@link dev.tokengate.core.ErrorCode#STORE_UNAVAILABLE}
 * when the backend cannot be reached.
 */
@FunctionalInterface
public interface MessageIdStore {

    /**
     * Claims a message id, atomically.
     *
     * @param messageId the message id (scope it per sender or scheme if ids may collide)
     * @param ttl how long to remember it: at least the webhook timestamp tolerance, both sides
     * @return true for the first delivery, false for a replay
     */
    boolean claim(String messageId, Duration ttl);

    /**
     * An in-memory store on the system clock, at most 1,000,000 live entries.
     *
     * @return a new store
     */
    static MessageIdStore inMemory() {
        return inMemory(Clock.systemUTC(), 1_000_000);
    }

    /**
     * An in-memory store.
     *
     * @param clock the clock deciding when ids expire
     * @param maxEntries the most live ids; beyond it a claim is refused with {@code STORE_UNAVAILABLE}
     * @return a new store
     */
    static MessageIdStore inMemory(Clock clock, long maxEntries) {
        return new InMemoryClaimStore(clock, maxEntries, "message-id");
    }
}
