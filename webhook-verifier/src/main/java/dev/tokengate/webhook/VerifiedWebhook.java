package dev.tokengate.webhook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource method (or every method of a resource class) as a webhook endpoint:
 * the request is verified by the {@link WebhookVerifier} registered under {@link #value()} in
 * the {@link WebhookFeature} before the method runs. A method's annotation wins over its class's.
 *
 * <pre>{@code
 * @POST @Path("stripe") @VerifiedWebhook("stripe")
 * public Response stripe(byte[] body, @Context ContainerRequestContext ctx) {
 *     WebhookDelivery d = (WebhookDelivery) ctx.getProperty(WebhookDelivery.ATTRIBUTE);
 *     ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface VerifiedWebhook {

    /**
     * The name of the verifier (and so of the scheme and secrets) in the {@link WebhookFeature}.
     *
     * @return the verifier name
     */
    String value();
}
