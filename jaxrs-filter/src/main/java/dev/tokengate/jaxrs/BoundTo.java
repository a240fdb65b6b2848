package dev.tokengate.jaxrs;

import dev.tokengate.core.TokenType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the token to be bound to the resource named by a path parameter: the value of
 * {@code {id}} in the request path must be one of the token's resource bindings.
 *
 * <p>Without {@link #types()}, every accepted token must be bound to the resource, in addition
 * to the scopes of {@link RequiresScopes}. With {@link #types()}, tokens of those types are
 * accepted when bound to the resource (their scopes are not checked), and tokens of the other
 * accepted types must carry the scopes instead: an alternative, as in "a {@code DOCUMENT_ACCESS}
 * token bound to {id}, or an {@code API_ACCESS} token with {@code READ}". The types named here
 * are accepted in addition to those of {@link TokenTypes}.
 *
 * <pre>{@code
 * @GET @Path("{id}")
 * @TokenTypes(TokenType.API_ACCESS) @RequiresScopes("READ")
 * @BoundTo(value = "id", types = TokenType.DOCUMENT_ACCESS)
 * public Document get(@PathParam("id") String id) { ... }
 * }</pre>
 *
 * <p>A token bound to another resource gets 403 ({@code RESOURCE_MISMATCH}). On a method it
 * replaces the class's {@code @BoundTo}. Naming a parameter that the resource's {@code @Path}
 * templates do not declare fails deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BoundTo {

    /**
     * The name of the path parameter holding the resource id, e.g. {@code "id"} for {@code {id}}.
     *
     * @return the path parameter name
     */
    String value();

    /**
     * The token types for which the binding alone grants access; empty (the default) to require
     * the binding of every accepted token, on top of its scopes.
     *
     * @return the types accepted through the binding
     */
    TokenType[] types() default {};
}
