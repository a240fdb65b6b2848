package dev.tokengate.jaxrs;

import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Stands in for the tokengate servlet filter in front of the JAX-RS servlet: when the request
 * carries {@code X-Prevalidate}, it validates the bearer token itself and stores the result under
 * {@link ValidatedToken#REQUEST_ATTRIBUTE}, as the servlet filter does.
 */
final class PreValidatingServletFilter implements Filter {

    static final String TRIGGER = "X-Prevalidate";

    private final TokenValidator validator;

    PreValidatingServletFilter(TokenValidator validator) {
        this.validator = validator;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (http.getHeader(TRIGGER) != null) {
            String header = http.getHeader("Authorization");
            request.setAttribute(ValidatedToken.REQUEST_ATTRIBUTE, validator.validate(header.substring("Bearer ".length())));
        }
        chain.doFilter(request, response);
    }
}
