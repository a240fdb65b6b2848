package dev.tokengate.core;

/**
 * Where the validator finds the key a token names by its {@code kid}.
 *
 * <p>Implementations are thread-safe and never block on a lock held across I/O: a
 * {@link KeyRing} answers from memory; a remote JWK set answers from its cache.
 */
@FunctionalInterface
public interface KeySource {

    /**
     * The verification key with this id.
     *
     * @param keyId the {@code kid} of a token header (attacker-controlled)
     * @return the key, or {@code null} when no such key is known
     * @throws TokenException with {@link ErrorCode#KEYS_UNAVAILABLE} when keys cannot be obtained at all
     */
    VerificationKey find(String keyId);
}
