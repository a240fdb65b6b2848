package dev.tokengate.core;

import java.util.Objects;

/**
 * The one unchecked exception tokengate throws for a token, request or webhook it refuses.
 *
 * <p>Every instance carries an {@link ErrorCode}. The message is precise and meant for logs
 * (it never holds a whole token or secret); clients see only {@link ErrorCode#description()}.
 * Subtypes add what an adapter needs to answer: {@link InsufficientScopeException} names the
 * scopes that were needed.
 */
public class TokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * Creates an exception.
     *
     * @param code the error code, never {@code null}
     * @param message the precise reason, for logs
     */
    public TokenException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * Creates an exception with a cause.
     *
     * @param code the error code, never {@code null}
     * @param message the precise reason, for logs
     * @param cause the underlying failure
     */
    public TokenException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable error code. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
    }
}
