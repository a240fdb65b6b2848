package dev.tokengate.servlet;

import dev.tokengate.core.ValidatedToken;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * What the application sees behind the filter: the token's subject as the principal, its
 * effective scopes (hierarchy included) as roles, {@code Bearer} as the authentication type.
 * One instance per request; never shared.
 */
final class TokenGateRequest extends HttpServletRequestWrapper {

    private final TokenGateFilter owner;
    private final ValidatedToken token;
    private final ServletResponse response;
    private final Principal principal;

    TokenGateRequest(HttpServletRequest request, ServletResponse response, TokenGateFilter owner, ValidatedToken token) {
        super(request);
        this.owner = owner;
        this.token = token;
        this.response = response;
        this.principal = new TokenPrincipal(token.subject());
    }

    TokenGateFilter owner() {
        return owner;
    }

    ValidatedToken token() {
        return token;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return token.subject();
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && token.hasScope(role);
    }

    @Override
    public String getAuthType() {
        return TokenGateFilter.AUTH_TYPE;
    }

    /** Keeps this wrapper for the asynchronous part, so that async code and dispatches see the principal. */
    @Override
    public AsyncContext startAsync() {
        return getRequest().startAsync(this, response);
    }

    /** The subject of a token as a {@link Principal}. */
    record TokenPrincipal(String getName) implements Principal {
        @Override
        public String toString() {
            return "TokenPrincipal[" + getName + "]";
        }
    }
}
