package dev.tokengate.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Rotates a {@link KeyRing} every N: a {@link Runnable} for a scheduler the application owns.
 * The old key keeps verifying for the ring's grace period (M, {@link KeyRing.Builder#gracePeriod}).
 *
 * <pre>{@code
 * KeyRotationPolicy policy = KeyRotationPolicy.builder(ring).every(Duration.ofDays(30))
 *     .onRotate(r -> log.info("signing key is now {}", r.activeKeyId())).build();
 * scheduler.scheduleAtFixedRate(policy, 1, 1, TimeUnit.HOURS);
 * }</pre>
 *
 * <p>Thread-safe: concurrent runs rotate at most once per period.
 */
public final class KeyRotationPolicy implements Runnable {

    private final KeyRing ring;
    private final Duration every;
    private final Clock clock;
    private final Consumer<KeyRing> onRotate;
    private final AtomicReference<Instant> lastRotation;

    private KeyRotationPolicy(Builder b) {
        this.ring = b.ring;
        this.every = b.every;
        this.clock = b.clock;
        this.onRotate = b.onRotate;
        this.lastRotation = new AtomicReference<>(b.clock.instant());
    }

    /**
     * A builder for a policy on this ring; the period starts when the policy is built.
     *
     * @param ring the ring to rotate
     * @return the builder
     */
    public static Builder builder(KeyRing ring) {
        return new Builder(Objects.requireNonNull(ring, "ring"));
    }

    /** Rotates the ring if a period has passed since the last rotation. */
    @Override
    public void run() {
        rotateIfDue();
    }

    /**
     * Rotates the ring if a period has passed since the last rotation.
     *
     * @return the new active key id, or {@code null} if not due
     */
    public String rotateIfDue() {
        Instant last = lastRotation.get();
        Instant now = clock.instant();
        if (now.isBefore(last.plus(every)) || !lastRotation.compareAndSet(last, now)) {
            return null;
        }
        String kid = ring.rotate();
        onRotate.accept(ring);
        return kid;
    }

    /** Configures a {@link KeyRotationPolicy}. Not thread-safe. */
    public static final class Builder {
        private final KeyRing ring;
        private Duration every = Duration.ofDays(30);
        private Clock clock = Clock.systemUTC();
        private Consumer<KeyRing> onRotate = r -> { };

        private Builder(KeyRing ring) {
            this.ring = ring;
        }

        /**
         * Sets the rotation period (default 30 days).
         *
         * @param every a positive duration
         * @return this builder
         */
        public Builder every(Duration every) {
            this.every = Validation.requirePositive("every", every);
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets what to do after each rotation, e.g. save the ring.
         *
         * @param onRotate the callback
         * @return this builder
         */
        public Builder onRotate(Consumer<KeyRing> onRotate) {
            this.onRotate = Objects.requireNonNull(onRotate, "onRotate");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public KeyRotationPolicy build() {
            return new KeyRotationPolicy(this);
        }
    }
}
