package dev.tokengate.core.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers an event to a listener, containing whatever it throws. */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger("tokengate.audit");

    private Listeners() {
    }

    static void deliver(SecurityEventListener listener, SecurityEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("security event listener {} failed on a {} event: {}", listener.getClass().getName(), event.kind(), e.toString());
        }
    }
}
