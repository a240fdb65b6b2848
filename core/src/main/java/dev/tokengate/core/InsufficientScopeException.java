package dev.tokengate.core;

import java.util.List;

/**
 * A valid token that does not grant what the resource requires: a missing scope
 * ({@link ErrorCode#INSUFFICIENT_SCOPE}) or a binding to another resource
 * ({@link ErrorCode#RESOURCE_MISMATCH}). Answered with 403 and the RFC 6750
 * {@code scope} attribute listing {@link #requiredScopes()}.
 */
public class InsufficientScopeException extends TokenException {

    private static final long serialVersionUID = 1L;

    private final List<String> requiredScopes;

    /**
     * Creates an exception.
     *
     * @param code {@link ErrorCode#INSUFFICIENT_SCOPE} or {@link ErrorCode#RESOURCE_MISMATCH}
     * @param message the precise reason, for logs
     * @param requiredScopes the scopes the resource requires (may be empty)
     */
    public InsufficientScopeException(ErrorCode code, String message, List<String> requiredScopes) {
        super(code, message);
        if (code.httpStatus() != 403) {
            throw new IllegalArgumentException("code must be a 403 code, was " + code);
        }
        this.requiredScopes = List.copyOf(requiredScopes);
    }

    /** The scopes the resource requires, in declaration order; empty for a binding mismatch without scopes. */
    public List<String> requiredScopes() {
        return requiredScopes;
    }
}
