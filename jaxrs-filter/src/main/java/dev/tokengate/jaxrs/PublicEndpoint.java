package dev.tokengate.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method, or every method of a resource class, as reachable without a token.
 *
 * <p>No tokengate filter runs for a public method: a token it carries is neither required nor
 * read. On a method it wins over every class-level annotation. On a class it applies to the
 * methods that carry no tokengate or {@code jakarta.annotation.security} annotation of their own.
 * Combining it with a requirement ({@link RequiresScopes}, {@link TokenTypes}, {@link BoundTo},
 * {@code @RolesAllowed}, {@code @PermitAll}, {@code @DenyAll}) on the same method or class fails
 * deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicEndpoint {
}
