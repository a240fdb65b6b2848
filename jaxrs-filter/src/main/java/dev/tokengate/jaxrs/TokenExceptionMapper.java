package dev.tokengate.jaxrs;

import dev.tokengate.core.TokenException;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link TokenException} thrown by application code (a resource calling the validator
 * or {@link ValidatedTokens#require}) the way the tokengate filters answer: the code's status, an
 * RFC 9457 {@code application/problem+json} body, {@code WWW-Authenticate} for 400/401/403
 * (with {@code scope="…"} for a missing scope) and {@code Retry-After} for 503.
 *
 * <p>{@link TokenGateFeature} registers one; register one yourself only without the feature.
 * Thread-safe.
 */
public final class TokenExceptionMapper implements ExceptionMapper<TokenException> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenExceptionMapper.class);

    private final ErrorResponses responses;

    /** A mapper with the default realm and {@code Retry-After} ({@link ErrorResponses#defaults()}). */
    public TokenExceptionMapper() {
        this(ErrorResponses.defaults());
    }

    /**
     * A mapper rendering with the given responses (realm, {@code Retry-After}).
     *
     * @param responses the renderer
     */
    public TokenExceptionMapper(ErrorResponses responses) {
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    @Override
    public Response toResponse(TokenException exception) {
        LOG.debug("token refused ({}): {}", exception.code(), exception.getMessage());
        return ProblemResponses.toResponse(responses, exception);
    }
}
