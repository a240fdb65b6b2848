package dev.tokengate.webhook;

/** Header and claim names of the {@link WebhookScheme#TOKEN} scheme. */
final class WebhookTokens {

    static final String ID_HEADER = "webhook-id";
    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    static final String TOKEN_HEADER = "webhook-token";
    static final String CLAIM_ID = "webhook_id";
    static final String CLAIM_TIMESTAMP = "webhook_timestamp";
    static final String CLAIM_BODY_SHA256 = "body_sha256";

    private WebhookTokens() {
    }
}
