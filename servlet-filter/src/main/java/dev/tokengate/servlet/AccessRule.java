package dev.tokengate.servlet;

import dev.tokengate.core.TokenRequirement;
import dev.tokengate.core.TokenType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One access rule of a {@link TokenGateFilter}: which requests it covers (HTTP methods and a path
 * pattern) and what they need (nothing, a token meeting a {@link TokenRequirement}, or nothing
 * is enough).
 *
 * <h2>Target</h2>
 * A target is {@code [METHOD[,METHOD...] ]PATTERN}, for example {@code /public/**},
 * {@code GET /api/documents} or {@code GET,POST /api/documents/{id}}. Methods are upper case and
 * case-sensitive; without methods the rule covers every method; a rule for {@code GET} also
 * covers {@code HEAD} (servlets answer {@code HEAD} by running {@code doGet}). A pattern starts
 * with {@code /} and is made of segments separated by {@code /}:
 * <ul>
 *   <li>a literal ({@code documents}), matched exactly (case-sensitively unless the filter is
 *       configured for case-insensitive paths) against the decoded request segment;</li>
 *   <li>a variable {@code {name}}, matching any one segment; its decoded value can be bound
 *       with {@code bind(name)} in the text form or read by a requirement function;</li>
 *   <li>{@code **}, only as the last segment, matching zero or more segments:
 *       {@code /public/**} covers {@code /public} and {@code /public/a/b}.</li>
 * </ul>
 * The root is {@code /}; a pattern has no empty segment and no trailing slash (a request's
 * trailing slash is ignored, so {@code /admin} covers {@code /admin/}).
 *
 * <h2>Text form</h2>
 * {@link #parse(String)} reads one rule, {@link #parseAll(String)} one rule per line (blank lines
 * and lines starting with {@code #} are skipped):
 * <pre>
 * rule        = target "=" access
 * access      = "permitAll" | "denyAll" | "authenticated" | alternative *( "|" alternative )
 * alternative = TYPE *( "+" TYPE ) *( SP term )
 * term        = SCOPE                       ; required (all of the terms)
 *             | "any(" SCOPE *( "," SCOPE ) ")"  ; at least one of these
 *             | "bind(" VARIABLE ")"        ; token bound to the value of {VARIABLE}
 * </pre>
 * {@code TYPE} is a {@link TokenType} name; a scope in the text form is made of letters, digits
 * and {@code _ - . : / *} (use the Java API for others). Example:
 * <pre>
 * GET  /api/documents      = API_ACCESS READ
 * POST /api/documents      = API_ACCESS WRITE
 * GET  /api/documents/{id} = API_ACCESS READ | DOCUMENT_ACCESS bind(id)
 * /api/admin/**            = SYSTEM_OPERATION ADMIN
 * /public/**               = permitAll
 * /api/**                  = denyAll
 * </pre>
 *
 * <p>Immutable and thread-safe; a requirement function must be thread-safe too.
 */
public final class AccessRule {

    /** What a rule does with the requests it covers. */
    enum Kind { PERMIT, DENY, REQUIRE }

    private final String target;
    private final Set<String> methods;
    private final List<String> segments;
    private final boolean trailingWildcard;
    private final Map<Integer, String> variables;
    private final Kind kind;
    private final Function<Map<String, String>, TokenRequirement> requirement;

    private AccessRule(String target, Kind kind, Function<Map<String, String>, TokenRequirement> requirement) {
        this.target = target.strip();
        this.kind = kind;
        this.requirement = requirement;
        String t = this.target;
        int sp = t.indexOf(' ');
        Set<String> m = new LinkedHashSet<>();
        String pattern = t;
        if (!t.startsWith("/")) {
            if (sp < 0) {
                throw new IllegalArgumentException("rule target '" + t + "' must be '[METHODS] /pattern'");
            }
            for (String method : t.substring(0, sp).split(",", -1)) {
                if (!method.matches("[A-Z]+")) {
                    throw new IllegalArgumentException("rule target '" + t + "': method '" + method
                            + "' must be upper-case letters, such as GET");
                }
                if (!m.add(method)) {
                    throw new IllegalArgumentException("rule target '" + t + "' names method " + method + " twice");
                }
            }
            pattern = t.substring(sp + 1).strip();
        }
        this.methods = Collections.unmodifiableSet(m);
        List<String> segs = new ArrayList<>();
        Map<Integer, String> vars = new LinkedHashMap<>();
        boolean wildcard = false;
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("rule target '" + t + "': pattern must start with '/'");
        }
        if (!pattern.equals("/")) {
            String[] parts = pattern.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (p.equals("**")) {
                    if (i != parts.length - 1) {
                        throw new IllegalArgumentException("rule target '" + t + "': '**' may only be the last segment");
                    }
                    wildcard = true;
                } else if (p.startsWith("{") && p.endsWith("}")) {
                    String name = p.substring(1, p.length() - 1);
                    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw new IllegalArgumentException("rule target '" + t + "': variable '" + p
                                + "' must be {name} with a Java identifier");
                    }
                    if (vars.containsValue(name)) {
                        throw new IllegalArgumentException("rule target '" + t + "' names variable {" + name + "} twice");
                    }
                    vars.put(i, name);
                    segs.add(null);
                } else {
                    requireLiteral(t, p);
                    segs.add(p);
                }
            }
        }
        this.segments = Collections.unmodifiableList(segs);
        this.trailingWildcard = wildcard;
        this.variables = Collections.unmodifiableMap(vars);
    }

    private static void requireLiteral(String target, String p) {
        if (p.isEmpty()) {
            throw new IllegalArgumentException("rule target '" + target
                    + "': pattern holds an empty segment (no '//' and no trailing '/')");
        }
        if (p.equals(".") || p.equals("..")) {
            throw new IllegalArgumentException("rule target '" + target + "': pattern holds a dot segment");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c <= 0x20 || c == 0x7f || "%;\\{}*?#".indexOf(c) >= 0) {
                throw new IllegalArgumentException("rule target '" + target + "': segment '" + p
                        + "' holds '" + (c <= 0x20 || c == 0x7f ? "a control character or space" : String.valueOf(c))
                        + "'; write literals decoded, variables as {name} and '**' alone");
            }
        }
    }

    /**
     * A rule that lets every covered request through, without a token.
     *
     * @param target {@code [METHODS ]PATTERN}
     * @return the rule
     * @throws IllegalArgumentException for a malformed target
     */
    public static AccessRule permitAll(String target) {
        return new AccessRule(Objects.requireNonNull(target, "target"), Kind.PERMIT, null);
    }

    /**
     * A rule that refuses every covered request: 401 without a valid token, 403 with one.
     *
     * @param target {@code [METHODS ]PATTERN}
     * @return the rule
     * @throws IllegalArgumentException for a malformed target
     */
    public static AccessRule denyAll(String target) {
        return new AccessRule(Objects.requireNonNull(target, "target"), Kind.DENY, null);
    }

    /**
     * A rule that needs any valid token, whatever its type and scopes.
     *
     * @param target {@code [METHODS ]PATTERN}
     * @return the rule
     * @throws IllegalArgumentException for a malformed target
     */
    public static AccessRule authenticated(String target) {
        return require(target, TokenRequirement.anyToken());
    }

    /**
     * A rule that needs a valid token meeting a fixed requirement.
     *
     * @param target {@code [METHODS ]PATTERN}
     * @param requirement the requirement
     * @return the rule
     * @throws IllegalArgumentException for a malformed target
     */
    public static AccessRule require(String target, TokenRequirement requirement) {
        Objects.requireNonNull(requirement, "requirement");
        return new AccessRule(Objects.requireNonNull(target, "target"), Kind.REQUIRE, vars -> requirement);
    }

    /**
     * A rule whose requirement depends on the path variables, typically to bind the token to a
     * resource id:
     * <pre>{@code
     * AccessRule.require("GET /api/documents/{id}", vars ->
     *     TokenRequirement.of(TokenType.API_ACCESS).requireScope("READ")
     *         .or(TokenRequirement.of(TokenType.DOCUMENT_ACCESS).requireBinding(vars.get("id"))));
     * }</pre>
     *
     * @param target {@code [METHODS ]PATTERN}
     * @param requirement called per request with the decoded variable values (an immutable map);
     *     must be thread-safe and never return {@code null}
     * @return the rule
     * @throws IllegalArgumentException for a malformed target
     */
    public static AccessRule require(String target, Function<Map<String, String>, TokenRequirement> requirement) {
        Objects.requireNonNull(requirement, "requirement");
        return new AccessRule(Objects.requireNonNull(target, "target"), Kind.REQUIRE, requirement);
    }

    /**
     * Parses one rule in the text form described above.
     *
     * @param line such as {@code GET /api/documents/{id} = API_ACCESS READ | DOCUMENT_ACCESS bind(id)}
     * @return the rule
     * @throws IllegalArgumentException naming what is wrong in the line
     */
    public static AccessRule parse(String line) {
        return RuleParser.parse(Objects.requireNonNull(line, "line"));
    }

    /**
     * Parses rules, one per line; blank lines and lines starting with {@code #} are skipped.
     *
     * @param text the rules
     * @return the rules in order
     * @throws IllegalArgumentException naming the line number and what is wrong
     */
    public static List<AccessRule> parseAll(String text) {
        Objects.requireNonNull(text, "text");
        List<AccessRule> out = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(RuleParser.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule on line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /** The methods this rule covers; empty when it covers every method. */
    public Set<String> methods() {
        return methods;
    }

    /** The target as written, such as {@code GET /api/documents/{id}}. */
    public String target() {
        return target;
    }

    Kind kind() {
        return kind;
    }

    /** Literal segments, with {@code null} where a variable stands; without the trailing {@code **}. */
    List<String> segments() {
        return segments;
    }

    boolean trailingWildcard() {
        return trailingWildcard;
    }

    /** Variable names by segment index. */
    Map<Integer, String> variables() {
        return variables;
    }

    boolean hasVariable(String name) {
        return variables.containsValue(name);
    }

    /** The requirement for a request, given its path variables; only for {@link Kind#REQUIRE}. */
    TokenRequirement requirement(Map<String, String> vars) {
        TokenRequirement r = requirement.apply(vars);
        if (r == null) {
            throw new IllegalStateException("the requirement of rule '" + target + "' returned null");
        }
        return r;
    }

    @Override
    public String toString() {
        return "AccessRule[" + target + " -> " + kind + "]";
    }
}
