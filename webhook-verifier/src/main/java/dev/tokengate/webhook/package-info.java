/**
 * Signing and verification of HMAC-signed webhooks: Standard Webhooks, GitHub, Stripe, Slack,
 * Shopify, and tokengate's own webhook verification tokens, with a replay guard and adapters
 * for servlet and JAX-RS containers.
 *
 * <p>Receivers build a {@link dev.tokengate.webhook.WebhookVerifier} for one explicit
 * {@link dev.tokengate.webhook.WebhookScheme}; senders use a {@link dev.tokengate.webhook.WebhookSigner}.
 * Every refusal is a {@link dev.tokengate.core.TokenException} carrying a {@code WEBHOOK_*}
 * {@link dev.tokengate.core.ErrorCode}.
 */
package dev.tokengate.webhook;
