package dev.tokengate.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery whose signature, freshness and uniqueness have been verified.
 *
 * <p>Only authenticated facts are reported: {@code messageId} and {@code timestamp} are
 * {@code null} when the scheme does not sign them (GitHub and Shopify sign neither; Stripe and
 * Slack sign a timestamp but no id).
 *
 * @param scheme the scheme that verified it
 * @param messageId the signed message id ({@code webhook-id}), or {@code null}
 * @param timestamp the signed timestamp, or {@code null}
 */
public record WebhookDelivery(WebhookScheme scheme, String messageId, Instant timestamp) {

    /**
     * The servlet request attribute and JAX-RS request property under which the adapters store
     * the verified {@link WebhookDelivery}.
     */
    public static final String ATTRIBUTE = "dev.tokengate.webhook.WebhookDelivery";

    /** Checks the scheme. */
    public WebhookDelivery {
        Objects.requireNonNull(scheme, "scheme");
    }
}
