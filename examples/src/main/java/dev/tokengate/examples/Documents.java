package dev.tokengate.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The example's documents, in memory. Thread-safe. */
final class Documents {

    /** A document of the listing. */
    record Document(String id, String title) {
    }

    private final Map<String, Document> byId = new ConcurrentSkipListMap<>();
    private final AtomicInteger next = new AtomicInteger(1);
    /** The listing as JSON, rebuilt on each change: reads (the benchmark baseline) cost no serialization. */
    private volatile String listingJson;

    Documents() {
        create("Master services agreement");
        create("Non-disclosure agreement");
        create("Employment contract");
    }

    List<Document> list() {
        return new ArrayList<>(byId.values());
    }

    /** {@code {"documents": [...]}}, serialized once per change. */
    String listingJson() {
        return listingJson;
    }

    Document find(String id) {
        return byId.get(id);
    }

    synchronized Document create(String title) {
        Document d = new Document("doc-" + next.getAndIncrement(), title);
        byId.put(d.id(), d);
        listingJson = Json.write(Map.of("documents", list()));
        return d;
    }
}
