package dev.tokengate.jaxrs;

import dev.tokengate.core.ValidatedToken;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The security context of a request authenticated with a token: a role is a scope, hierarchy included. */
final class TokenSecurityContext implements SecurityContext {

    /** The authentication scheme reported for token-authenticated requests. */
    static final String SCHEME = "Bearer";

    private final TokenPrincipal principal;
    private final boolean secure;

    TokenSecurityContext(ValidatedToken token, boolean secure) {
        this.principal = new TokenPrincipal(token);
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && principal.token().hasScope(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return SCHEME;
    }

    /** The principal: named after the token's subject, carrying the token. */
    record TokenPrincipal(ValidatedToken token) implements Principal {
        @Override
        public String getName() {
            return token.subject();
        }

        @Override
        public String toString() {
            return "TokenPrincipal[" + token + "]";
        }
    }
}
