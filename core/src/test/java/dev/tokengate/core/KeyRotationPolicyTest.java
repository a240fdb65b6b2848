package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyRotationPolicyTest {

    @Test
    void rotatesEveryPeriodAndOldKeyVerifiesForTheGracePeriod() {
        MutableClock clock = MutableClock.start();
        KeyRing ring = KeyRing.builder().clock(clock).gracePeriod(Duration.ofDays(2)).generate(SigningAlgorithm.ES256).build();
        AtomicInteger saved = new AtomicInteger();
        KeyRotationPolicy policy = KeyRotationPolicy.builder(ring).every(Duration.ofDays(7)).clock(clock)
                .onRotate(r -> saved.incrementAndGet()).build();
        String first = ring.activeKeyId();
        clock.advance(Duration.ofDays(6));
        policy.run();
        assertThat(ring.activeKeyId()).isEqualTo(first);
        clock.advance(Duration.ofDays(1));
        assertThat(policy.rotateIfDue()).isNotNull().isEqualTo(ring.activeKeyId()).isNotEqualTo(first);
        assertThat(policy.rotateIfDue()).isNull();
        assertThat(saved.get()).isEqualTo(1);
        assertThat(ring.find(first)).isNotNull();
        clock.advance(Duration.ofDays(2));
        assertThat(ring.find(first)).isNull();
    }
}
