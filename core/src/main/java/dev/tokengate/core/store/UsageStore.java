package dev.tokengate.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

/**
 * Accumulates per-token usage (count, last use), written in batches by
 * {@link dev.tokengate.core.event.UsageRecorder}, never once per request.
 *
 * <p>{@link #record} adds each entry's count to the running total and keeps the later
 * {@code lastUsed}; on Redis one pipeline of {@code HINCRBY}/{@code HSET}/{@code PEXPIRE} per
 * entry (or one script for the batch). Thread-safe; throws
 * {@link dev.tokengate.core.TokenException} with {@link dev.tokengate.core.ErrorCode#STORE_UNAVAILABLE}
 * when the backend cannot be reached.
 */
public interface UsageStore {

    /**
     * Adds a batch of counts.
     *
     * @param batch one entry per token, counts since the previous batch
     * @param retention how long a token's total is kept after its last update
     */
    void record(Collection<TokenUsage> batch, Duration retention);

    /**
     * The running total of a token.
     *
     * @param tokenId the token id
     * @return the total, or {@code null} if none is known
     */
    TokenUsage find(String tokenId);

    /**
     * An in-memory store on the system clock, at most 1,000,000 tokens.
     *
     * @return a new store
     */
    static UsageStore inMemory() {
        return inMemory(Clock.systemUTC(), 1_000_000);
    }

    /**
     * An in-memory store.
     *
     * @param clock the clock deciding when totals expire
     * @param maxEntries the most tokens tracked; beyond it a batch is refused with {@code STORE_UNAVAILABLE}
     * @return a new store
     */
    static UsageStore inMemory(Clock clock, long maxEntries) {
        return new InMemoryUsageStore(clock, maxEntries);
    }
}
