package dev.tokengate.core.store;

/**
 * Facts about the in-memory store defaults, for tests and monitoring.
 */
final class InMemoryStores {

    private InMemoryStores() {
    }

    /**
     * The number of live entries an in-memory store holds, after dropping the expired ones.
     *
     * @param store a store made by one of the {@code inMemory(...)} factories
     * @return its live entry count
     * @throws IllegalArgumentException if the store is not one of the in-memory defaults
     */
    static long liveEntries(Object store) {
        if (store instanceof Sized s) {
            return s.size();
        }
        throw new IllegalArgumentException("not an in-memory tokengate store: " + (store == null ? null : store.getClass().getName()));
    }
}
