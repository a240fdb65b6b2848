package dev.tokengate.core.event;

import java.util.List;

/**
 * Receives security events.
 *
 * <p>Called synchronously on the thread that made the decision, often a request thread: an
 * implementation must be thread-safe, fast, and must not block on I/O (aggregate, then flush
 * elsewhere, as {@link UsageRecorder} does). An exception it throws is logged and ignored; it
 * never changes the decision.
 */
@FunctionalInterface
public interface SecurityEventListener {

    /**
     * Handles one event.
     *
     * @param event the event
     */
    void onEvent(SecurityEvent event);

    /**
     * The default audit listener: one structured slf4j line per event on the logger
     * {@code tokengate.audit}. Accepted tokens log at DEBUG, reuse and unavailability at WARN,
     * everything else at INFO.
     *
     * @return the listener
     */
    static SecurityEventListener logging() {
        return LoggingSecurityEventListener.INSTANCE;
    }

    /**
     * A listener that calls each of {@code listeners} in order; one that throws does not stop the others.
     *
     * @param listeners the listeners
     * @return the composite
     */
    static SecurityEventListener all(List<? extends SecurityEventListener> listeners) {
        List<SecurityEventListener> copy = List.copyOf(listeners);
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return event -> {
            for (SecurityEventListener l : copy) {
                Listeners.deliver(l, event);
            }
        };
    }
}
