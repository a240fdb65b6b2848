package dev.tokengate.examples;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options of the example gateway (DESIGN §6); each also reads the environment variable
 * {@code TOKENGATE_<NAME>}, e.g. {@code TOKENGATE_PORT}. A command-line option wins over the
 * environment.
 */
@Command(name = "tokengate-example", mixinStandardHelpOptions = true, version = "tokengate-example 0.1.0",
        description = "A runnable gateway that shows tokengate enforcing technical tokens.")
final class GatewayOptions {

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:TOKENGATE_PORT:-8080}",
            description = "HTTP port; 0 picks a free one (env TOKENGATE_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--keys", paramLabel = "FILE", defaultValue = "${env:TOKENGATE_KEYS}",
            description = "JWK set with private keys, as written by 'tokengate keys generate' (env TOKENGATE_KEYS; default: a fresh ES256 key).")
    Path keys;

    @Option(names = "--issuer", paramLabel = "URI", defaultValue = "${env:TOKENGATE_ISSUER}",
            description = "Issuer of the tokens (env TOKENGATE_ISSUER; default http://localhost:<port>).")
    String issuer;

    @Option(names = "--audience", paramLabel = "A", defaultValue = "${env:TOKENGATE_AUDIENCE:-tokengate-example}",
            description = "Audience of the tokens (env TOKENGATE_AUDIENCE, default ${DEFAULT-VALUE}).")
    String audience;

    @Option(names = "--redis", paramLabel = "URI", defaultValue = "${env:TOKENGATE_REDIS}",
            description = "redis://host:port: keep token state in Redis, shared by every instance (env TOKENGATE_REDIS; default: in memory).")
    String redis;

    @Option(names = "--webhook-secret", paramLabel = "SECRET", defaultValue = "${env:TOKENGATE_WEBHOOK_SECRET}",
            description = "whsec_... secret of /webhooks/standard (env TOKENGATE_WEBHOOK_SECRET; default: a fresh one, printed).")
    String webhookSecret;

    @Option(names = "--github-webhook-secret", paramLabel = "SECRET", defaultValue = "${env:TOKENGATE_GITHUB_WEBHOOK_SECRET}",
            description = "Secret of /webhooks/github (env TOKENGATE_GITHUB_WEBHOOK_SECRET; default: a fresh one, printed).")
    String githubWebhookSecret;

    @Option(names = "--stripe-webhook-secret", paramLabel = "SECRET", defaultValue = "${env:TOKENGATE_STRIPE_WEBHOOK_SECRET}",
            description = "whsec_... secret of /webhooks/stripe (env TOKENGATE_STRIPE_WEBHOOK_SECRET; default: a fresh one, printed).")
    String stripeWebhookSecret;
}
