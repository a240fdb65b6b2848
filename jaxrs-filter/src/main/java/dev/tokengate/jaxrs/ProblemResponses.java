package dev.tokengate.jaxrs;

import dev.tokengate.core.TokenException;
import dev.tokengate.core.http.ErrorResponse;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Turns core's {@link ErrorResponse} into a JAX-RS {@link Response}; shared by the filters and the mapper. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static Response toResponse(ErrorResponses responses, TokenException failure) {
        ErrorResponse r = responses.render(failure);
        Response.ResponseBuilder b = Response.status(r.status())
                .type(ErrorResponse.CONTENT_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(r.body());
        if (r.wwwAuthenticate() != null) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, r.wwwAuthenticate());
        }
        if (r.retryAfter() != null) {
            b.header(HttpHeaders.RETRY_AFTER, r.retryAfter());
        }
        return b.build();
    }
}
