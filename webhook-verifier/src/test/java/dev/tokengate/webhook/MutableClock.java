package dev.tokengate.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock that moves only when told to. */
final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(long epochSeconds) {
        this.now = Instant.ofEpochSecond(epochSeconds);
    }

    void set(long epochSeconds) {
        now = Instant.ofEpochSecond(epochSeconds);
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
