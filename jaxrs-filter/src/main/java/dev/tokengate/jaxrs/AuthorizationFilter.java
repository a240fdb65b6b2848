package dev.tokengate.jaxrs;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs at {@code Priorities.AUTHORIZATION}, one instance per resource method: checks the
 * authenticated token against the method's precomputed {@link EndpointPolicy}.
 */
final class AuthorizationFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationFilter.class);

    private final EndpointPolicy policy;
    private final ErrorResponses responses;

    AuthorizationFilter(EndpointPolicy policy, ErrorResponses responses) {
        this.policy = policy;
        this.responses = responses;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            if (!(request.getProperty(ValidatedToken.REQUEST_ATTRIBUTE) instanceof ValidatedToken token)) {
                // the authentication filter did not run: never let the request through unauthenticated
                throw new TokenException(ErrorCode.TOKEN_MISSING, "no authenticated token at authorization");
            }
            MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
            policy.authorize(token, request.getSecurityContext(), path::getFirst);
        } catch (TokenException e) {
            LOG.debug("refused {} {} ({}): {}", request.getMethod(), policy.location(), e.code(), e.getMessage());
            request.abortWith(ProblemResponses.toResponse(responses, e));
        }
    }
}
