package dev.tokengate.jaxrs;

import dev.tokengate.core.TokenType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The token types accepted by a resource method or every method of a resource class.
 *
 * <p>Without it, a protected endpoint accepts a valid token of any type. A token of another type
 * gets 401 {@code invalid_token} ({@code TOKEN_TYPE_MISMATCH}). On a method it replaces the
 * class's {@code @TokenTypes}. An empty list fails deployment.
 *
 * <pre>{@code
 * @TokenTypes(TokenType.API_ACCESS)
 * @TokenTypes({TokenType.API_ACCESS, TokenType.SYSTEM_OPERATION})
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TokenTypes {

    /**
     * The accepted types.
     *
     * @return one or more token types
     */
    TokenType[] value();
}
