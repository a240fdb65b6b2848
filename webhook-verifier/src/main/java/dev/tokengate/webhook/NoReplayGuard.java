package dev.tokengate.webhook;

import java.time.Duration;

/** The guard of {@link ReplayGuard#none()}. */
enum NoReplayGuard implements ReplayGuard {
    INSTANCE;

    @Override
    public boolean firstSeen(String messageId, Duration ttl) {
        return true;
    }

    @Override
    public String toString() {
        return "ReplayGuard.none()";
    }
}
