package dev.tokengate.servlet;

import dev.tokengate.core.TokenRequirement;
import dev.tokengate.core.TokenType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the text form of {@link AccessRule}; see its javadoc for the grammar. */
final class RuleParser {

    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_\\-.:/*]+");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RuleParser() {
    }

    static AccessRule parse(String line) {
        int eq = line.indexOf('=');
        if (eq < 0 || line.indexOf('=', eq + 1) >= 0) {
            throw new IllegalArgumentException("'" + line + "' must be 'TARGET = ACCESS' with exactly one '='");
        }
        String target = line.substring(0, eq).strip().replaceAll("\\s+", " ");
        String access = line.substring(eq + 1).strip();
        switch (access) {
            case "permitAll":
                return AccessRule.permitAll(target);
            case "denyAll":
                return AccessRule.denyAll(target);
            case "authenticated":
                return AccessRule.authenticated(target);
            case "":
                throw new IllegalArgumentException("'" + line + "' has no access after '='");
            default:
                break;
        }
        List<Alternative> alternatives = new ArrayList<>();
        for (String alt : access.split("\\|", -1)) {
            alternatives.add(alternative(line, alt.strip()));
        }
        // Build once with a placeholder binding so that the target is checked and every scope
        // and variable is validated now, not on the first request.
        AccessRule probe = AccessRule.require(target, TokenRequirement.anyToken());
        for (Alternative a : alternatives) {
            if (a.binding != null && !probe.hasVariable(a.binding)) {
                throw new IllegalArgumentException("'" + line + "': bind(" + a.binding
                        + ") names no {" + a.binding + "} of the pattern");
            }
        }
        boolean bound = alternatives.stream().anyMatch(a -> a.binding != null);
        if (!bound) {
            TokenRequirement fixed = build(alternatives, Map.of());
            return AccessRule.require(target, fixed);
        }
        build(alternatives, placeholders(alternatives));
        return AccessRule.require(target, vars -> build(alternatives, vars));
    }

    private static Map<String, String> placeholders(List<Alternative> alternatives) {
        Map<String, String> m = new java.util.HashMap<>();
        alternatives.stream().filter(a -> a.binding != null).forEach(a -> m.put(a.binding, "x"));
        return m;
    }

    private static TokenRequirement build(List<Alternative> alternatives, Map<String, String> vars) {
        TokenRequirement result = null;
        for (Alternative a : alternatives) {
            TokenRequirement r = TokenRequirement.of(a.types.toArray(new TokenType[0]));
            if (!a.allOf.isEmpty()) {
                r = r.requireScope(a.allOf.toArray(new String[0]));
            }
            if (!a.anyOf.isEmpty()) {
                r = r.requireAnyScope(a.anyOf.toArray(new String[0]));
            }
            if (a.binding != null) {
                r = r.requireBinding(vars.get(a.binding));
            }
            result = result == null ? r : result.or(r);
        }
        return result;
    }

    private static Alternative alternative(String line, String alt) {
        if (alt.isEmpty()) {
            throw new IllegalArgumentException("'" + line + "' has an empty alternative around '|'");
        }
        String[] terms = alt.split("\\s+");
        Set<TokenType> types = new LinkedHashSet<>();
        for (String name : terms[0].split("\\+", -1)) {
            TokenType type;
            try {
                type = TokenType.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + line + "': " + e.getMessage()
                        + " (or permitAll, denyAll, authenticated)", e);
            }
            if (!types.add(type)) {
                throw new IllegalArgumentException("'" + line + "' names token type " + type + " twice");
            }
        }
        Set<String> allOf = new LinkedHashSet<>();
        Set<String> anyOf = new LinkedHashSet<>();
        String binding = null;
        for (int i = 1; i < terms.length; i++) {
            String term = terms[i];
            if (term.startsWith("bind(") && term.endsWith(")")) {
                if (binding != null) {
                    throw new IllegalArgumentException("'" + line + "': one bind(...) per alternative");
                }
                binding = term.substring(5, term.length() - 1);
                if (!VARIABLE.matcher(binding).matches()) {
                    throw new IllegalArgumentException("'" + line + "': bind(" + binding + ") must name a path variable");
                }
            } else if (term.startsWith("any(") && term.endsWith(")")) {
                if (!anyOf.isEmpty()) {
                    throw new IllegalArgumentException("'" + line + "': one any(...) per alternative");
                }
                for (String s : term.substring(4, term.length() - 1).split(",", -1)) {
                    anyOf.add(scope(line, s));
                }
            } else {
                allOf.add(scope(line, term));
            }
        }
        return new Alternative(List.copyOf(types), List.copyOf(allOf), List.copyOf(anyOf), binding);
    }

    private static String scope(String line, String s) {
        if (!SCOPE.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + line + "': '" + s
                    + "' is not a scope (letters, digits and _ - . : / * in the text form), bind(var) or any(a,b)");
        }
        return s;
    }

    private record Alternative(List<TokenType> types, List<String> allOf, List<String> anyOf, String binding) {
    }
}
