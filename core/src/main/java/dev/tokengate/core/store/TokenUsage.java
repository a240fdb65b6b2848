package dev.tokengate.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How often a token was used and when last: a batch entry for {@link UsageStore#record}, or the
 * running total it answers.
 *
 * @param tokenId the token id ({@code jti} or API-key id)
 * @param count the number of accepted uses
 * @param lastUsed the latest use
 */
public record TokenUsage(String tokenId, long count, Instant lastUsed) {

    /** Validates the components. */
    public TokenUsage {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(lastUsed, "lastUsed");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }
}
