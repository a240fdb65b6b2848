package dev.tokengate.core;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Declared implications between scopes: {@code ADMIN} implies {@code WRITE} implies {@code READ}
 * by default, and resource scopes imply only what is declared ({@code documents:write} grants
 * {@code documents:read} only after {@code implies("documents:write", "documents:read")}).
 *
 * <p>Scopes are case-sensitive strings; nothing is inferred from their spelling, so {@code *}
 * or {@code read} mean nothing beyond what is declared. Immutable and thread-safe.
 *
 * <pre>{@code
 * ScopeHierarchy h = ScopeHierarchy.builder()
 *     .implies("ADMIN", "WRITE").implies("WRITE", "READ")
 *     .implies("documents:write", "documents:read")
 *     .build();
 * }</pre>
 */
public final class ScopeHierarchy {

    private static final ScopeHierarchy NONE = new ScopeHierarchy(Map.of());
    private static final ScopeHierarchy DEFAULT = builder().implies("ADMIN", "WRITE").implies("WRITE", "READ").build();

    /** For each scope that implies others, every scope it grants (itself included), transitively. */
    private final Map<String, Set<String>> closure;

    private ScopeHierarchy(Map<String, Set<String>> closure) {
        this.closure = closure;
    }

    /** The default hierarchy of the platform's access levels: {@code ADMIN ⊃ WRITE ⊃ READ}. */
    public static ScopeHierarchy defaults() {
        return DEFAULT;
    }

    /** A hierarchy without implications: every scope grants only itself. */
    public static ScopeHierarchy none() {
        return NONE;
    }

    /** A builder starting empty; add the defaults explicitly if wanted. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every scope the granted scopes give, implications included.
     *
     * @param granted the scopes a token carries
     * @return an immutable set holding the granted scopes and all they imply
     */
    public Set<String> expand(Collection<String> granted) {
        if (closure.isEmpty()) {
            return Set.copyOf(granted);
        }
        Set<String> out = new HashSet<>(granted);
        for (String s : granted) {
            Set<String> implied = closure.get(s);
            if (implied != null) {
                out.addAll(implied);
            }
        }
        return Set.copyOf(out);
    }

    /**
     * Whether holding {@code granted} gives {@code required}.
     *
     * @param granted a scope held
     * @param required a scope asked for
     * @return true when equal or declared implied
     */
    public boolean grants(String granted, String required) {
        if (granted.equals(required)) {
            return true;
        }
        Set<String> implied = closure.get(granted);
        return implied != null && implied.contains(required);
    }

    /** Builds a {@link ScopeHierarchy}; not thread-safe. */
    public static final class Builder {
        private final Map<String, Set<String>> edges = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Declares that {@code broader} grants {@code narrower}.
         *
         * @param broader the implying scope
         * @param narrower the implied scope
         * @return this builder
         * @throws IllegalArgumentException if a scope is empty, holds a space, or both are equal
         */
        public Builder implies(String broader, String narrower) {
            Scopes.requireValid(broader);
            Scopes.requireValid(narrower);
            if (broader.equals(narrower)) {
                throw new IllegalArgumentException("scope '" + broader + "' cannot imply itself");
            }
            edges.computeIfAbsent(broader, k -> new LinkedHashSet<>()).add(narrower);
            return this;
        }

        /**
         * Builds the hierarchy.
         *
         * @return the hierarchy
         * @throws IllegalStateException if the declarations form a cycle, naming it
         */
        public ScopeHierarchy build() {
            Map<String, Set<String>> closure = new HashMap<>();
            for (String root : edges.keySet()) {
                Set<String> seen = new LinkedHashSet<>();
                Deque<String> todo = new ArrayDeque<>(edges.get(root));
                while (!todo.isEmpty()) {
                    String s = todo.pop();
                    if (s.equals(root)) {
                        throw new IllegalStateException("scope implications form a cycle through '" + root
                                + "'; an implication must point from a broader to a narrower scope");
                    }
                    if (seen.add(s)) {
                        todo.addAll(edges.getOrDefault(s, Set.of()));
                    }
                }
                closure.put(root, Set.copyOf(seen));
            }
            return new ScopeHierarchy(Map.copyOf(closure));
        }
    }
}
