package dev.tokengate.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a resource requires of a token: the accepted token type(s), the scopes (all-of and/or
 * any-of) and an optional resource binding. Alternatives are joined with {@link #or}: the
 * alternatives for the token's type are tried in order and the first that holds wins.
 *
 * <pre>{@code
 * // GET /api/documents/{id}: API_ACCESS with READ, or a DOCUMENT_ACCESS token bound to id
 * TokenRequirement r = TokenRequirement.of(TokenType.API_ACCESS).requireScope("READ")
 *     .or(TokenRequirement.of(TokenType.DOCUMENT_ACCESS).requireBinding(id));
 * }</pre>
 *
 * <p>Immutable and thread-safe; every method returns a new requirement.
 */
public final class TokenRequirement {

    private static final TokenRequirement ANY = new TokenRequirement(
            List.of(new Clause(Set.copyOf(EnumSet.allOf(TokenType.class)), List.of(), List.of(), null)));

    private final List<Clause> clauses;

    private TokenRequirement(List<Clause> clauses) {
        this.clauses = List.copyOf(clauses);
    }

    /**
     * A requirement accepting tokens of the given types, with no scope yet.
     *
     * @param types one or more accepted types
     * @return the requirement
     */
    public static TokenRequirement of(TokenType... types) {
        if (types.length == 0) {
            throw new IllegalArgumentException("at least one token type is required");
        }
        return new TokenRequirement(List.of(new Clause(Set.copyOf(Arrays.asList(types)), List.of(), List.of(), null)));
    }

    /** A requirement any valid token meets, whatever its type and scopes. */
    public static TokenRequirement anyToken() {
        return ANY;
    }

    /**
     * Requires every one of these scopes (all-of), added to the last alternative.
     *
     * @param scopes the scopes
     * @return a new requirement
     */
    public TokenRequirement requireScope(String... scopes) {
        Clause c = last();
        return replaceLast(new Clause(c.types, concat(c.allOf, scopes), c.anyOf, c.binding));
    }

    /**
     * Requires at least one of these scopes (any-of), on the last alternative.
     *
     * @param scopes the scopes
     * @return a new requirement
     */
    public TokenRequirement requireAnyScope(String... scopes) {
        Clause c = last();
        return replaceLast(new Clause(c.types, c.allOf, concat(c.anyOf, scopes), c.binding));
    }

    /**
     * Requires the token to be bound to this resource id, on the last alternative.
     *
     * @param resourceId the id of the resource being accessed
     * @return a new requirement
     */
    public TokenRequirement requireBinding(String resourceId) {
        Objects.requireNonNull(resourceId, "resourceId");
        Clause c = last();
        return replaceLast(new Clause(c.types, c.allOf, c.anyOf, resourceId));
    }

    /**
     * Joins an alternative: a token meets the result when it meets this or {@code other}.
     *
     * @param other the alternative
     * @return a new requirement
     */
    public TokenRequirement or(TokenRequirement other) {
        List<Clause> all = new ArrayList<>(clauses);
        all.addAll(other.clauses);
        return new TokenRequirement(all);
    }

    /** The token types any alternative accepts. */
    public Set<TokenType> acceptedTypes() {
        EnumSet<TokenType> types = EnumSet.noneOf(TokenType.class);
        clauses.forEach(c -> types.addAll(c.types));
        return types;
    }

    /**
     * Checks a validated token against this requirement.
     *
     * @param token the validated token (its effective scopes already include implied ones)
     * @throws TokenException {@link ErrorCode#TOKEN_TYPE_MISMATCH} when no alternative accepts
     *     its type; {@link InsufficientScopeException} with {@link ErrorCode#INSUFFICIENT_SCOPE} or
     *     {@link ErrorCode#RESOURCE_MISMATCH} when an alternative accepts the type but not the token
     */
    public void check(ValidatedToken token) {
        InsufficientScopeException first = null;
        for (Clause c : clauses) {
            if (!c.types.contains(token.type())) {
                continue;
            }
            InsufficientScopeException failure = c.check(token);
            if (failure == null) {
                return;
            }
            if (first == null) {
                first = failure;
            }
        }
        if (first != null) {
            throw first;
        }
        throw new TokenException(ErrorCode.TOKEN_TYPE_MISMATCH,
                "token type " + token.type() + " is not accepted here; accepted: " + acceptedTypes());
    }

    /** The scopes a client would need, for the {@code scope} attribute of a 403 challenge. */
    public List<String> requiredScopes() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Clause c : clauses) {
            out.addAll(c.allOf);
            out.addAll(c.anyOf);
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Clause c : clauses) {
            if (sb.length() > 0) {
                sb.append(" OR ");
            }
            sb.append(c);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenRequirement r && r.clauses.equals(clauses);
    }

    @Override
    public int hashCode() {
        return clauses.hashCode();
    }

    private Clause last() {
        return clauses.get(clauses.size() - 1);
    }

    private TokenRequirement replaceLast(Clause c) {
        List<Clause> all = new ArrayList<>(clauses);
        all.set(all.size() - 1, c);
        return new TokenRequirement(all);
    }

    private static List<String> concat(List<String> a, String[] b) {
        if (b.length == 0) {
            throw new IllegalArgumentException("at least one scope is required");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>(a);
        for (String s : b) {
            out.add(Scopes.requireValid(s));
        }
        return List.copyOf(out);
    }

    private record Clause(Set<TokenType> types, List<String> allOf, List<String> anyOf, String binding) {

        InsufficientScopeException check(ValidatedToken token) {
            Set<String> have = token.effectiveScopes();
            List<String> missing = new ArrayList<>();
            for (String s : allOf) {
                if (!have.contains(s)) {
                    missing.add(s);
                }
            }
            if (!missing.isEmpty()) {
                return new InsufficientScopeException(ErrorCode.INSUFFICIENT_SCOPE,
                        "token lacks scope(s) " + missing + "; it has " + token.scopes(), required());
            }
            if (!anyOf.isEmpty() && anyOf.stream().noneMatch(have::contains)) {
                return new InsufficientScopeException(ErrorCode.INSUFFICIENT_SCOPE,
                        "token has none of the scopes " + anyOf + "; it has " + token.scopes(), required());
            }
            if (binding != null && !token.bindings().contains(binding)) {
                return new InsufficientScopeException(ErrorCode.RESOURCE_MISMATCH,
                        "token is not bound to the requested resource", required());
            }
            return null;
        }

        private List<String> required() {
            List<String> r = new ArrayList<>(allOf);
            r.addAll(anyOf);
            return r;
        }

        @Override
        public String toString() {
            return types + (allOf.isEmpty() ? "" : " all" + allOf) + (anyOf.isEmpty() ? "" : " any" + anyOf)
                    + (binding == null ? "" : " bound");
        }
    }
}
