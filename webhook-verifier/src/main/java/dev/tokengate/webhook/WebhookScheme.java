package dev.tokengate.webhook;

/**
 * A webhook signature scheme. A verifier or signer works with exactly one scheme, chosen
 * explicitly: a scheme is never guessed from a header or a secret prefix.
 *
 * <table>
 * <caption>Headers, signed content and secret bytes of each scheme</caption>
 * <tr><th>scheme</th><th>headers</th><th>HMAC-SHA256 over</th><th>secret bytes</th></tr>
 * <tr><td>{@link #STANDARD}</td><td>{@code webhook-id}, {@code webhook-timestamp},
 *     {@code webhook-signature: v1,<base64> ...} (or the same with {@code svix-})</td>
 *     <td>{@code id.timestamp.body}</td><td>base64 after {@code whsec_}</td></tr>
 * <tr><td>{@link #GITHUB}</td><td>{@code X-Hub-Signature-256: sha256=<hex>}</td><td>body</td>
 *     <td>UTF-8 of the secret</td></tr>
 * <tr><td>{@link #STRIPE}</td><td>{@code Stripe-Signature: t=<ts>,v1=<hex>[,v1=<hex>]}</td>
 *     <td>{@code ts.body}</td><td>UTF-8 of the whole secret, {@code whsec_} included</td></tr>
 * <tr><td>{@link #SLACK}</td><td>{@code X-Slack-Request-Timestamp},
 *     {@code X-Slack-Signature: v0=<hex>}</td><td>{@code v0:ts:body}</td><td>UTF-8 of the secret</td></tr>
 * <tr><td>{@link #SHOPIFY}</td><td>{@code X-Shopify-Hmac-Sha256: <base64>}</td><td>body</td>
 *     <td>UTF-8 of the secret</td></tr>
 * <tr><td>{@link #TOKEN}</td><td>{@code webhook-id}, {@code webhook-timestamp},
 *     {@code webhook-token: <JWT>}</td><td>(a {@code WEBHOOK_VERIFICATION} JWT binding id,
 *     timestamp and body SHA-256)</td><td>a core {@code KeyRing} / {@code KeySource}</td></tr>
 * </table>
 */
public enum WebhookScheme {
    /** Standard Webhooks v1 (also Svix): {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}. */
    STANDARD(true),
    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>} over the body; no signed timestamp. */
    GITHUB(false),
    /** Stripe: {@code Stripe-Signature: t=<ts>,v1=<hex>} over {@code ts.body}. */
    STRIPE(true),
    /** Slack: {@code X-Slack-Signature: v0=<hex>} over {@code v0:ts:body}. */
    SLACK(true),
    /** Shopify: {@code X-Shopify-Hmac-Sha256: <base64>} over the body; no signed timestamp. */
    SHOPIFY(false),
    /**
     * tokengate's own scheme: a short-lived {@code WEBHOOK_VERIFICATION} JWT in the
     * {@code webhook-token} header binds the message id, the timestamp and the body's SHA-256;
     * it is validated by core's {@code TokenValidator} (HS256 with the endpoint secret, or the
     * sender's asymmetric key).
     */
    TOKEN(true);

    private final boolean timestamped;

    WebhookScheme(boolean timestamped) {
        this.timestamped = timestamped;
    }

    /**
     * Whether deliveries of this scheme carry a signed timestamp, so that freshness is checked
     * and a replay guard applies.
     *
     * @return true for {@link #STANDARD}, {@link #STRIPE}, {@link #SLACK} and {@link #TOKEN}
     */
    public boolean timestamped() {
        return timestamped;
    }
}
