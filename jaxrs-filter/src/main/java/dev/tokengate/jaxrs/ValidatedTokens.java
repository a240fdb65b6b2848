package dev.tokengate.jaxrs;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.ValidatedToken;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Gives resource methods and filters the {@link ValidatedToken} of the current request, portably
 * across JAX-RS runtimes.
 *
 * <pre>{@code
 * @GET @Path("me") @PermitAll
 * public String me(@Context SecurityContext security) {
 *     ValidatedToken token = ValidatedTokens.require(security);
 *     return token.subject();
 * }
 * }</pre>
 *
 * <p>The token is also the request property {@link #PROPERTY}; on a servlet-based runtime that is
 * the request attribute of the same name, which the tokengate servlet filter sets too.
 */
public final class ValidatedTokens {

    /** The request property holding the {@link ValidatedToken}: {@link ValidatedToken#REQUEST_ATTRIBUTE}. */
    public static final String PROPERTY = ValidatedToken.REQUEST_ATTRIBUTE;

    private ValidatedTokens() {
    }

    /**
     * The token behind a security context that the tokengate filters installed.
     *
     * @param security the injected {@code @Context SecurityContext}
     * @return the token, or empty when the request was not authenticated by tokengate (a public endpoint)
     */
    public static Optional<ValidatedToken> from(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof TokenSecurityContext.TokenPrincipal p) {
            return Optional.of(p.token());
        }
        return Optional.empty();
    }

    /**
     * The token held by the request property {@link #PROPERTY}, for filters that run after authentication.
     *
     * @param request the request context
     * @return the token, or empty when there is none
     */
    public static Optional<ValidatedToken> from(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof ValidatedToken token ? Optional.of(token) : Optional.empty();
    }

    /**
     * The token behind a security context, or a refusal.
     *
     * @param security the injected {@code @Context SecurityContext}
     * @return the token
     * @throws TokenException {@link ErrorCode#TOKEN_MISSING} (answered with 401 by {@link TokenExceptionMapper})
     *     when the request was not authenticated by tokengate
     */
    public static ValidatedToken require(SecurityContext security) {
        return from(security).orElseThrow(() -> new TokenException(ErrorCode.TOKEN_MISSING, "request was not authenticated by tokengate"));
    }
}
