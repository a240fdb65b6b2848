package dev.tokengate.webhook;

import dev.tokengate.core.store.MessageIdStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Remembers which webhook deliveries were already accepted, so that a captured delivery cannot
 * be replayed while its timestamp is still inside the tolerance window.
 *
 * <p><b>When the id is claimed.</b> A verifier claims the id <em>at verification</em>, after
 * the signature and the timestamp have passed (so unauthenticated traffic can never burn an id)
 * and before the application sees the delivery. Claiming after successful processing would let
 * two concurrent copies of one delivery both pass verification and both be processed: the very
 * race a replay exploits, and one that a single atomic claim closes. The price is at-most-once
 * processing per id: when processing fails after the claim, a retry of the same id is refused
 * with {@code WEBHOOK_REPLAYED} (409). Receivers that must not lose such a delivery store it
 * before acknowledging and process it from their own queue, as Standard Webhooks recommends.
 *
 * <p>Keys are {@code <scheme>:<id>}: {@code standard:msg_…} and {@code token:msg_…} for the
 * signed message id; {@code stripe:…} and {@code slack:…} for the matching signature (those
 * schemes sign a timestamp but no id, and a retry carries a new timestamp, hence a new
 * signature).
 *
 * <p>Implementations are thread-safe, and {@link #firstSeen} is atomic across every instance
 * that shares the store: of two concurrent calls with the same id, exactly one returns
 * {@code true}. A store that cannot answer throws (a {@code TokenException} with
 * {@code STORE_UNAVAILABLE}, ideally); the verifier then refuses the delivery with
 * {@code STORE_UNAVAILABLE} (503) rather than accept it unchecked.
 *
 * <p>Adapting a shared store is one line, e.g. {@code ReplayGuard guard = store::claim;}.
 */
@FunctionalInterface
public interface ReplayGuard {

    /**
     * Atomically records a delivery id, unless it was already recorded within its time to live.
     *
     * @param messageId the delivery's key ({@code <scheme>:<id>})
     * @param ttl how long to remember it: at least the verifier's past plus future tolerance
     * @return {@code true} if this is the first time the id is seen (the caller now owns it),
     *     {@code false} if it was seen before and is still remembered
     */
    boolean firstSeen(String messageId, Duration ttl);

    /**
     * An in-memory guard for one process, bounded to 100,000 ids, with the system UTC clock.
     *
     * @return a new guard
     */
    static ReplayGuard inMemory() {
        return inMemory(100_000, Clock.systemUTC());
    }

    /**
     * An in-memory guard for one process: core's {@link MessageIdStore#inMemory(Clock, long)},
     * bounded to {@code maxEntries} ids, each forgotten when its time to live has passed on
     * {@code clock}. Size it above the number of deliveries accepted within one tolerance window:
     * when it is full of live ids it refuses new deliveries ({@code STORE_UNAVAILABLE}, 503)
     * rather than forget an id early and reopen a replay window. Several instances behind a
     * load balancer need a shared store instead (e.g. {@code RedisStores.messageIds()::claim}).
     *
     * @param maxEntries the most ids remembered, at least 1
     * @param clock the clock that decides expiry
     * @return a new guard
     * @throws IllegalArgumentException if {@code maxEntries} is below 1
     */
    static ReplayGuard inMemory(long maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        return MessageIdStore.inMemory(Objects.requireNonNull(clock, "clock"), maxEntries)::claim;
    }

    /**
     * A guard that remembers nothing: every delivery counts as first seen. Only for receivers
     * whose processing is idempotent anyway; it turns replay protection off.
     *
     * @return the guard
     */
    static ReplayGuard none() {
        return NoReplayGuard.INSTANCE;
    }
}
