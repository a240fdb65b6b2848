package dev.tokengate.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes a token must grant to reach a resource method or every method of a resource class.
 *
 * <p>{@link #value()} is all-of, {@link #anyOf()} is any-of; when both are given the token must
 * grant all of {@code value} and at least one of {@code anyOf}. Scopes are matched on the token's
 * effective scopes, so the validator's {@link dev.tokengate.core.ScopeHierarchy} applies
 * ({@code ADMIN} grants {@code WRITE} and {@code READ} by default). A valid token without the
 * scope gets 403 {@code insufficient_scope} with {@code scope="…"} naming the scopes required.
 *
 * <p>On a method it replaces the class's {@code @RequiresScopes} (it does not add to it).
 *
 * <pre>{@code
 * @RequiresScopes("documents:write")                          // all of
 * @RequiresScopes(anyOf = {"documents:read", "ADMIN"})        // any of
 * @RequiresScopes(value = "READ", anyOf = {"eu", "us"})      // READ and (eu or us)
 * }</pre>
 *
 * <p>Declaring neither {@code value} nor {@code anyOf} fails deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScopes {

    /**
     * Scopes the token must all grant.
     *
     * @return the all-of scopes; empty for none
     */
    String[] value() default {};

    /**
     * Scopes of which the token must grant at least one.
     *
     * @return the any-of scopes; empty for none
     */
    String[] anyOf() default {};
}
