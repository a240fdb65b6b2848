package dev.tokengate.cli;

import dev.tokengate.webhook.ReplayGuard;
import dev.tokengate.webhook.WebhookDelivery;
import dev.tokengate.webhook.WebhookScheme;
import dev.tokengate.webhook.WebhookSigner;
import dev.tokengate.webhook.WebhookVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "webhook", mixinStandardHelpOptions = true, description = "Sign and verify webhooks.",
        subcommands = {WebhookCommand.Sign.class, WebhookCommand.Verify.class})
final class WebhookCommand {

    static final String SCHEMES = "standard, github, stripe, slack or shopify";

    static WebhookScheme scheme(String name) {
        WebhookScheme s = switch (name) {
            case "standard" -> WebhookScheme.STANDARD;
            case "github" -> WebhookScheme.GITHUB;
            case "stripe" -> WebhookScheme.STRIPE;
            case "slack" -> WebhookScheme.SLACK;
            case "shopify" -> WebhookScheme.SHOPIFY;
            default -> null;
        };
        if (s == null) {
            throw new IllegalArgumentException("unknown scheme '" + name + "'; use " + SCHEMES);
        }
        return s;
    }

    static Clock clockAt(Long epochSeconds) {
        return epochSeconds == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Print the headers to send with the exact bytes of a file.")
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--scheme", required = true, description = SCHEMES + ".")
        String scheme;

        @Option(names = "--secret", required = true, description = "The signing secret (whsec_... for standard).")
        String secret;

        @Option(names = "--body-file", required = true, description = "The body, signed byte for byte.")
        Path bodyFile;

        @Option(names = "--id", description = "Message id (standard; default: a new one).")
        String id;

        @Option(names = "--timestamp", description = "Epoch seconds to sign with (default: now).")
        Long timestamp;

        @Override
        public Integer call() throws Exception {
            WebhookSigner signer = WebhookSigner.builder().scheme(scheme(scheme)).secret(secret).build();
            byte[] body = Files.readAllBytes(bodyFile);
            Map<String, String> headers = signer.sign(id != null ? id : WebhookSigner.newMessageId(),
                    clockAt(timestamp).instant(), body);
            headers.forEach((name, value) -> spec.commandLine().getOut().println(name + ": " + value));
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a delivery: exit 0 when valid, 1 with the error code when not.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--scheme", required = true, description = SCHEMES + ".")
        String scheme;

        @Option(names = "--secret", required = true, description = "A secret; repeat during a rotation.")
        List<String> secrets = new ArrayList<>();

        @Option(names = "--header", description = "A received header, 'Name: value'; repeat for several.")
        List<String> headers = new ArrayList<>();

        @Option(names = "--body-file", required = true, description = "The body exactly as received.")
        Path bodyFile;

        @Option(names = "--now", description = "Epoch seconds to check the timestamp against (default: now).")
        Long now;

        @Option(names = "--tolerance", defaultValue = "300", description = "Allowed age and skew in seconds (default: ${DEFAULT-VALUE}).")
        long tolerance;

        @Override
        public Integer call() throws Exception {
            WebhookVerifier.Builder b = WebhookVerifier.builder().scheme(scheme(scheme)).clock(clockAt(now))
                    .replayGuard(ReplayGuard.none());
            if (tolerance < 0) {
                throw new IllegalArgumentException("--tolerance must not be negative, was " + tolerance);
            }
            b.tolerance(Duration.ofSeconds(tolerance));
            secrets.forEach(b::secret);
            Map<String, List<String>> received = new LinkedHashMap<>();
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--header '" + h + "' is not 'Name: value'");
                }
                received.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
            WebhookDelivery d = b.build().verify(received, Files.readAllBytes(bodyFile));
            spec.commandLine().getOut().println("VALID " + d.scheme() + (d.messageId() == null ? "" : " id=" + d.messageId())
                    + (d.timestamp() == null ? "" : " timestamp=" + d.timestamp().getEpochSecond()));
            return 0;
        }
    }
}
