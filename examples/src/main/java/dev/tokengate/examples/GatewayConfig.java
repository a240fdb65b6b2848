package dev.tokengate.examples;

import java.nio.file.Path;

/**
 * What the gateway runs with. {@code null} means "the embedded default": a fresh ES256 key,
 * issuer {@code http://localhost:<port>}, in-memory stores, fresh webhook secrets.
 *
 * @param port the HTTP port, 0 for a free one
 * @param keys a JWK set file with private keys, or null
 * @param issuer the issuer, or null
 * @param audience the audience
 * @param redis a {@code redis://host:port} URI, or null for in-memory stores
 * @param webhookSecret the Standard Webhooks secret, or null
 * @param githubWebhookSecret the GitHub webhook secret, or null
 * @param stripeWebhookSecret the Stripe webhook secret, or null
 */
record GatewayConfig(int port, Path keys, String issuer, String audience, String redis, String webhookSecret,
        String githubWebhookSecret, String stripeWebhookSecret) {

    static final String DEFAULT_AUDIENCE = "tokengate-example";

    GatewayConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (audience == null || audience.isBlank()) {
            audience = DEFAULT_AUDIENCE;
        }
        issuer = blankToNull(issuer);
        redis = blankToNull(redis);
        webhookSecret = blankToNull(webhookSecret);
        githubWebhookSecret = blankToNull(githubWebhookSecret);
        stripeWebhookSecret = blankToNull(stripeWebhookSecret);
    }

    /** Embedded defaults on the given port. */
    static GatewayConfig defaults(int port) {
        return new GatewayConfig(port, null, null, DEFAULT_AUDIENCE, null, null, null, null);
    }

    static GatewayConfig of(GatewayOptions o) {
        return new GatewayConfig(o.port, o.keys, o.issuer, o.audience, o.redis, o.webhookSecret, o.githubWebhookSecret,
                o.stripeWebhookSecret);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
