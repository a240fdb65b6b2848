package dev.tokengate.jaxrs;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.core.http.BearerTokenExtractor;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs at {@code Priorities.AUTHENTICATION}: finds the bearer token, validates it (or reuses the
 * token an earlier servlet filter validated), and installs the {@link TokenSecurityContext}.
 * Any failure aborts with 401 (400 for a malformed request, 503 when keys or state are unavailable).
 */
final class AuthenticationFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final TokenValidator validator;
    private final BearerTokenExtractor extractor;
    private final ErrorResponses responses;
    private final String location;

    AuthenticationFilter(TokenValidator validator, BearerTokenExtractor extractor, ErrorResponses responses, String location) {
        this.validator = validator;
        this.extractor = extractor;
        this.responses = responses;
        this.location = location;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ValidatedToken token;
        Object earlier = request.getProperty(ValidatedToken.REQUEST_ATTRIBUTE);
        if (earlier instanceof ValidatedToken validated) {
            token = validated;
        } else {
            try {
                token = validator.validate(extract(request));
            } catch (TokenException e) {
                LOG.debug("refused {} {} ({}): {}", request.getMethod(), location, e.code(), e.getMessage());
                request.abortWith(ProblemResponses.toResponse(responses, e));
                return;
            }
            request.setProperty(ValidatedToken.REQUEST_ATTRIBUTE, token);
        }
        SecurityContext original = request.getSecurityContext();
        boolean secure = original != null ? original.isSecure() : "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
        request.setSecurityContext(new TokenSecurityContext(token, secure));
    }

    private String extract(ContainerRequestContext request) {
        List<String> headers = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        List<String> query = request.getUriInfo().getQueryParameters().get(BearerTokenExtractor.PARAMETER);
        String token = extractor.extract(headers == null ? List.of() : headers, query == null ? List.of() : query, List.of());
        if (token == null) {
            throw new TokenException(ErrorCode.TOKEN_MISSING, "no bearer token in the request");
        }
        return token;
    }
}
