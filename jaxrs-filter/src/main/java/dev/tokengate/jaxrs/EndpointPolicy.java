package dev.tokengate.jaxrs;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.InsufficientScopeException;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenRequirement;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.ValidatedToken;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one resource method requires, read once from its annotations at deployment: the per-request
 * check then works on these precomputed values only (no reflection).
 *
 * <p>Combination rule: for each annotation kind ({@code @RequiresScopes}, {@code @TokenTypes},
 * {@code @BoundTo}, and the role kind {@code @DenyAll}/{@code @RolesAllowed}/{@code @PermitAll})
 * the method's annotation replaces the class's; kinds combine (all must hold).
 */
final class EndpointPolicy {

    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");

    /** The policy of a public method: no filter at all. */
    static final EndpointPolicy PUBLIC = new EndpointPolicy("public", true, null, null, null, null, null, null);

    private final String location;
    private final boolean publicEndpoint;
    /** Non-null: every authenticated caller is refused with this reason ({@code @DenyAll}, unannotated method). */
    private final String denyReason;
    /** The requirement when there is no binding, or the scope alternative beside a typed binding; may be null. */
    private final TokenRequirement requirement;
    /** The path parameter of {@code @BoundTo}, or null. */
    private final String bindingParameter;
    /** The types accepted through the binding alone ({@code @BoundTo(types)}); null when the binding applies to all. */
    private final Set<TokenType> bindingTypes;
    /** The roles of {@code @RolesAllowed}; null for no role check. */
    private final List<String> roles;
    /** The scopes named in a 403 for a binding without scope alternative. */
    private final List<String> requiredScopes;

    private EndpointPolicy(String location, boolean publicEndpoint, String denyReason, TokenRequirement requirement,
            String bindingParameter, Set<TokenType> bindingTypes, List<String> roles, List<String> requiredScopes) {
        this.location = location;
        this.publicEndpoint = publicEndpoint;
        this.denyReason = denyReason;
        this.requirement = requirement;
        this.bindingParameter = bindingParameter;
        this.bindingTypes = bindingTypes;
        this.roles = roles;
        this.requiredScopes = requiredScopes == null ? List.of() : requiredScopes;
    }

    boolean isPublic() {
        return publicEndpoint;
    }

    String location() {
        return location;
    }

    /**
     * Reads the policy of a resource method.
     *
     * @return null when the class uses no tokengate or security annotation (the feature leaves it alone)
     * @throws IllegalStateException for contradictory or empty annotations, naming the method
     */
    static EndpointPolicy compile(Class<?> type, Method method, TokenGateFeature.UnannotatedMethods unannotated) {
        String where = type.getName() + "#" + method.getName();
        Annotations m = Annotations.of(method, where);
        Annotations c = Annotations.of(type, type.getName());
        if (!c.any() && !m.any() && !anyMethodAnnotated(type)) {
            return null;
        }
        m.requireConsistent();
        c.requireConsistent();
        if (m.publicEndpoint) {
            return PUBLIC;
        }
        if (!m.any() && !c.any()) {
            return switch (unannotated) {
                case DENY -> new EndpointPolicy(where, false,
                        "method has no tokengate or security annotation in a class that uses them", null, null, null, null, null);
                case AUTHENTICATED -> new EndpointPolicy(where, false, null, null, null, null, null, null);
            };
        }
        if (c.publicEndpoint && !m.any()) {
            return PUBLIC;
        }
        RequiresScopes scopes = m.scopes != null ? m.scopes : c.scopes;
        TokenTypes types = m.types != null ? m.types : c.types;
        BoundTo bound = m.bound != null ? m.bound : c.bound;
        Annotation role = m.role != null ? m.role : c.role;
        try {
            return build(where, type, method, scopes, types, bound, role);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tokengate annotations on " + where + ": " + e.getMessage(), e);
        }
    }

    private static EndpointPolicy build(String where, Class<?> type, Method method, RequiresScopes scopes, TokenTypes types,
            BoundTo bound, Annotation role) {
        if (role instanceof DenyAll) {
            return new EndpointPolicy(where, false, "method is @DenyAll", null, null, null, null, null);
        }
        List<String> roles = role instanceof RolesAllowed r ? List.of(r.value()) : null;
        if (scopes != null && scopes.value().length == 0 && scopes.anyOf().length == 0) {
            throw new IllegalStateException("@RequiresScopes on " + where + " names no scope: set value or anyOf");
        }
        if (types != null && types.value().length == 0) {
            throw new IllegalStateException("@TokenTypes on " + where + " names no type");
        }
        Set<TokenType> accepted = types == null ? EnumSet.allOf(TokenType.class) : EnumSet.copyOf(Arrays.asList(types.value()));
        if (bound == null) {
            TokenRequirement r = scopes == null && types == null ? null : withScopes(accepted, scopes);
            return new EndpointPolicy(where, false, null, r, null, null, roles, null);
        }
        requirePathParameter(where, type, method, bound.value());
        if (bound.types().length == 0) {
            TokenRequirement r = withScopes(accepted, scopes);
            return new EndpointPolicy(where, false, null, r, bound.value(), null, roles, r.requiredScopes());
        }
        Set<TokenType> byBinding = EnumSet.copyOf(Arrays.asList(bound.types()));
        Set<TokenType> byScope = EnumSet.copyOf(accepted);
        byScope.removeAll(byBinding);
        if (byScope.isEmpty() && scopes != null) {
            throw new IllegalStateException("@RequiresScopes on " + where + " never applies: every accepted type is in"
                    + " @BoundTo(types); drop BoundTo.types to require both the binding and the scopes");
        }
        TokenRequirement alternative = byScope.isEmpty() ? null : withScopes(byScope, scopes);
        return new EndpointPolicy(where, false, null, alternative, bound.value(), Set.copyOf(byBinding), roles,
                alternative == null ? null : alternative.requiredScopes());
    }

    private static TokenRequirement withScopes(Set<TokenType> types, RequiresScopes scopes) {
        TokenRequirement r = TokenRequirement.of(types.toArray(new TokenType[0]));
        if (scopes != null && scopes.value().length > 0) {
            r = r.requireScope(scopes.value());
        }
        if (scopes != null && scopes.anyOf().length > 0) {
            r = r.requireAnyScope(scopes.anyOf());
        }
        return r;
    }

    private static void requirePathParameter(String where, Class<?> type, Method method, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("@BoundTo on " + where + " names no path parameter");
        }
        Path classPath = type.getAnnotation(Path.class);
        if (classPath == null) {
            return; // a sub-resource: its templates live on the locator, unknown here
        }
        Set<String> names = new LinkedHashSet<>();
        addTemplateNames(classPath.value(), names);
        Path methodPath = method.getAnnotation(Path.class);
        if (methodPath != null) {
            addTemplateNames(methodPath.value(), names);
        }
        if (!names.contains(name)) {
            throw new IllegalStateException("@BoundTo(\"" + name + "\") on " + where + ": its @Path declares no {" + name
                    + "}, only " + names);
        }
    }

    private static void addTemplateNames(String template, Set<String> out) {
        Matcher matcher = TEMPLATE_PARAM.matcher(template);
        while (matcher.find()) {
            out.add(matcher.group(1));
        }
    }

    private static boolean anyMethodAnnotated(Class<?> type) {
        Set<Method> methods = new LinkedHashSet<>(Arrays.asList(type.getMethods()));
        methods.addAll(Arrays.asList(type.getDeclaredMethods()));
        for (Method method : methods) {
            if (Annotations.of(method, "").any()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks an authenticated request.
     *
     * @param token the validated token
     * @param security the request's security context (roles are checked through it)
     * @param pathParameter the request's path parameters, by name (null when absent)
     * @throws TokenException the refusal: 401 for a type mismatch, 403 otherwise
     */
    void authorize(ValidatedToken token, SecurityContext security, UnaryOperator<String> pathParameter) {
        if (denyReason != null) {
            throw new InsufficientScopeException(ErrorCode.INSUFFICIENT_SCOPE, location + ": " + denyReason, List.of());
        }
        TokenRequirement effective = requirement;
        if (bindingParameter != null) {
            String id = pathParameter.apply(bindingParameter);
            if (id == null) {
                if (bindingTypes == null || requirement == null) {
                    throw new InsufficientScopeException(ErrorCode.RESOURCE_MISMATCH,
                            location + ": path parameter {" + bindingParameter + "} is absent", requiredScopes);
                }
            } else if (bindingTypes == null) {
                effective = requirement.requireBinding(id);
            } else {
                TokenRequirement byBinding = TokenRequirement.of(bindingTypes.toArray(new TokenType[0])).requireBinding(id);
                effective = requirement == null ? byBinding : requirement.or(byBinding);
            }
        }
        if (effective != null) {
            effective.check(token);
        }
        if (roles != null) {
            for (String role : roles) {
                if (security.isUserInRole(role)) {
                    return;
                }
            }
            throw new InsufficientScopeException(ErrorCode.INSUFFICIENT_SCOPE,
                    location + ": token has none of the roles " + roles + "; it has " + token.scopes(), roles);
        }
    }

    @Override
    public String toString() {
        return "EndpointPolicy[" + location + (publicEndpoint ? ", public" : "") + (denyReason != null ? ", deny" : "")
                + (requirement != null ? ", " + requirement : "") + (bindingParameter != null ? ", bound to {" + bindingParameter + "}"
                + (bindingTypes != null ? " for " + bindingTypes : "") : "") + (roles != null ? ", roles " + roles : "") + "]";
    }

    /** The tokengate and security annotations of one element. */
    private static final class Annotations {
        final String where;
        final boolean publicEndpoint;
        final RequiresScopes scopes;
        final TokenTypes types;
        final BoundTo bound;
        final Annotation role;
        final List<Annotation> roleAnnotations;

        private Annotations(String where, AnnotatedElement e) {
            this.where = where;
            publicEndpoint = e.isAnnotationPresent(PublicEndpoint.class);
            scopes = e.getAnnotation(RequiresScopes.class);
            types = e.getAnnotation(TokenTypes.class);
            bound = e.getAnnotation(BoundTo.class);
            roleAnnotations = new ArrayList<>();
            for (Class<? extends Annotation> kind : List.of(DenyAll.class, RolesAllowed.class, PermitAll.class)) {
                Annotation a = e.getAnnotation(kind);
                if (a != null) {
                    roleAnnotations.add(a);
                }
            }
            role = roleAnnotations.isEmpty() ? null : roleAnnotations.get(0);
        }

        static Annotations of(AnnotatedElement e, String where) {
            return new Annotations(where, e);
        }

        boolean any() {
            return publicEndpoint || requirement();
        }

        boolean requirement() {
            return scopes != null || types != null || bound != null || role != null;
        }

        void requireConsistent() {
            if (roleAnnotations.size() > 1) {
                throw new IllegalStateException(where + " carries more than one of @DenyAll, @RolesAllowed and @PermitAll: keep one");
            }
            if (publicEndpoint && requirement()) {
                throw new IllegalStateException(where + " is @PublicEndpoint and also carries a requirement: remove one of them");
            }
        }
    }
}
