package dev.tokengate.servlet;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of a filter, indexed in a trie of path segments so that matching costs about the
 * depth of the path, however many rules there are.
 *
 * <p>Most specific wins, segment by segment from the left: a literal segment beats a variable,
 * which beats a trailing {@code **}; when the more specific branch has no rule for the request's
 * method, the next one is tried. At one pattern, a rule naming the method beats a rule for every
 * method, and a {@code GET} rule also answers {@code HEAD} when no rule names {@code HEAD}. Two
 * rules covering the same pattern and method are refused when the table is built, so declaration
 * order never matters. Immutable and thread-safe once built.
 */
final class RuleTable {

    /** A matched rule with the decoded values of its variables. */
    record Match(AccessRule rule, Map<String, String> variables) {
    }

    private final Node root = new Node();
    private final boolean ignoreCase;
    private final int size;

    RuleTable(List<AccessRule> rules, boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
        for (AccessRule rule : rules) {
            Node node = root;
            for (String seg : rule.segments()) {
                if (seg == null) {
                    if (node.variable == null) {
                        node.variable = new Node();
                    }
                    node = node.variable;
                } else {
                    node = node.literals.computeIfAbsent(key(seg), k -> new Node());
                }
            }
            (rule.trailingWildcard() ? node.wildcard : node.exact).add(rule);
        }
        this.size = rules.size();
    }

    int size() {
        return size;
    }

    /**
     * Finds the rule for a request.
     *
     * @param method the HTTP method
     * @param segments the canonical, decoded path segments
     * @return the match, or {@code null} when no rule covers the request
     */
    Match match(String method, List<String> segments) {
        AccessRule rule = find(root, segments, 0, method);
        if (rule == null) {
            return null;
        }
        if (rule.variables().isEmpty()) {
            return new Match(rule, Map.of());
        }
        Map<String, String> vars = new LinkedHashMap<>();
        rule.variables().forEach((index, name) -> vars.put(name, segments.get(index)));
        return new Match(rule, java.util.Collections.unmodifiableMap(vars));
    }

    private AccessRule find(Node node, List<String> segments, int i, String method) {
        if (i == segments.size()) {
            AccessRule r = node.exact.find(method);
            return r != null ? r : node.wildcard.find(method);
        }
        Node literal = node.literals.get(key(segments.get(i)));
        if (literal != null) {
            AccessRule r = find(literal, segments, i + 1, method);
            if (r != null) {
                return r;
            }
        }
        if (node.variable != null) {
            AccessRule r = find(node.variable, segments, i + 1, method);
            if (r != null) {
                return r;
            }
        }
        return node.wildcard.find(method);
    }

    private String key(String segment) {
        return ignoreCase ? segment.toLowerCase(Locale.ROOT) : segment;
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node variable;
        final Rules exact = new Rules();
        final Rules wildcard = new Rules();
    }

    /** The rules at one pattern, by method. */
    private static final class Rules {
        final Map<String, AccessRule> byMethod = new HashMap<>();
        AccessRule anyMethod;

        void add(AccessRule rule) {
            if (rule.methods().isEmpty()) {
                if (anyMethod != null) {
                    throw overlap(anyMethod, rule);
                }
                anyMethod = rule;
                return;
            }
            for (String m : rule.methods()) {
                AccessRule previous = byMethod.putIfAbsent(m, rule);
                if (previous != null) {
                    throw overlap(previous, rule);
                }
            }
        }

        AccessRule find(String method) {
            AccessRule r = byMethod.get(method);
            if (r == null && "HEAD".equals(method)) {
                r = byMethod.get("GET");
            }
            return r != null ? r : anyMethod;
        }

        private static IllegalArgumentException overlap(AccessRule a, AccessRule b) {
            return new IllegalArgumentException("rules '" + a.target() + "' and '" + b.target()
                    + "' cover the same pattern and method; merge them or narrow their methods");
        }
    }
}
