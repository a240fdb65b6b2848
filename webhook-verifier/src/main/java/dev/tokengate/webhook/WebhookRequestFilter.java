package dev.tokengate.webhook;

import dev.tokengate.core.LogSafe;
import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.http.ErrorResponse;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Verifies one resource method's deliveries; registered by {@link WebhookFeature}. */
final class WebhookRequestFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRequestFilter.class);
    private static final ErrorResponses RESPONSES = ErrorResponses.defaults();

    private final WebhookVerifier verifier;

    WebhookRequestFilter(WebhookVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        try {
            BodyCapture body = BodyCapture.read(ctx.getEntityStream(), ctx.getLength(), verifier.maxBodySize());
            Map<String, List<String>> headers = ctx.getHeaders();
            WebhookDelivery delivery = verifier.verify(WebhookHeaders.of(headers), body.buffer, 0, body.length);
            ctx.setEntityStream(new ByteArrayInputStream(body.buffer, 0, body.length));
            ctx.setProperty(WebhookDelivery.ATTRIBUTE, delivery);
        } catch (TokenException e) {
            LOG.info("webhook refused on {}: {} {}", LogSafe.text(ctx.getUriInfo().getPath(), 200), e.code(), LogSafe.text(e.getMessage(), 200));
            ctx.abortWith(problem(e.code()));
        } catch (IOException e) {
            LOG.info("webhook body could not be read on {}: {}", LogSafe.text(ctx.getUriInfo().getPath(), 200), e.toString());
            ctx.abortWith(problem(ErrorCode.WEBHOOK_MALFORMED));
        }
    }

    static Response problem(ErrorCode code) {
        ErrorResponse e = RESPONSES.render(code);
        Response.ResponseBuilder r = Response.status(e.status()).type(ErrorResponse.CONTENT_TYPE).entity(e.body());
        if (e.retryAfter() != null) {
            r.header("Retry-After", e.retryAfter());
        }
        return r.build();
    }
}
