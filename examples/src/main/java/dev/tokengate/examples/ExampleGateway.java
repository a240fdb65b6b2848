package dev.tokengate.examples;

import java.io.PrintStream;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/**
 * {@code java -jar examples/target/tokengate-example.jar [options]}: starts the example gateway
 * and prints an admin token and curl lines to try.
 */
public final class ExampleGateway {

    private ExampleGateway() {
    }

    /**
     * Starts the gateway and serves until the process is stopped.
     *
     * @param args the options of DESIGN §6; {@code --help} lists them
     * @throws Exception if the gateway cannot start
     */
    public static void main(String[] args) throws Exception {
        // Jersey and HK2 log through java.util.logging: route it to slf4j/logback like the rest
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        GatewayOptions options = new GatewayOptions();
        CommandLine cli = new CommandLine(options);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            cli.usage(System.err);
            System.exit(2);
            return;
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(System.out);
            return;
        }
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(System.out);
            return;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(GatewayConfig.of(options));
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException | dev.tokengate.core.TokenException e) {
            System.err.println("tokengate-example: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                System.err.println("tokengate-example: error while stopping: " + e.getMessage());
            }
        }, "tokengate-shutdown"));
        printBanner(gateway, System.out);
        gateway.join();
    }

    /** A generated secret is shown so that it can be tried; a configured one is never printed in full. */
    private static String shown(Gateway g, String which, String secret) {
        if (g.generatedWebhookSecrets(which)) {
            return secret + " (generated)";
        }
        return "…" + secret.substring(Math.max(0, secret.length() - 4)) + " (configured)";
    }

    static void printBanner(Gateway g, PrintStream out) {
        String base = g.baseUrl();
        out.println();
        out.println("tokengate example gateway on " + base);
        out.println("  issuer    " + g.issuer());
        out.println("  audience  " + g.audience());
        out.println("  keys      " + (g.generatedKeys()
                ? "a fresh ES256 key '" + g.keys().activeKeyId() + "' (not saved: tokens die with this process; use --keys keys.json)"
                : "'" + g.keys().activeKeyId() + "' (active) from the --keys file"));
        out.println("  state     " + g.storesDescription());
        out.println("  webhooks  /webhooks/standard secret " + shown(g, "standard", g.webhookSecret()));
        out.println("            /webhooks/github   secret " + shown(g, "github", g.githubWebhookSecret()));
        out.println("            /webhooks/stripe   secret " + shown(g, "stripe", g.stripeWebhookSecret()));
        out.println();
        out.println("Admin token (SYSTEM_OPERATION, scope ADMIN, valid 1h):");
        out.println();
        out.println("  export ADMIN=" + g.adminToken());
        out.println();
        out.println("Try:");
        out.println("  curl -s " + base + "/public/documents");
        out.println("  curl -si " + base + "/api/documents                        # 401: no token");
        out.println("  curl -s -X POST " + base + "/tokens -H \"Authorization: Bearer $ADMIN\" -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"type\":\"API_ACCESS\",\"scope\":[\"READ\"],\"expiration\":\"15m\",\"subject\":\"alice\",\"refresh\":true}' > pair.json");
        out.println("  TOKEN=$(sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/' pair.json)");
        out.println("  REFRESH=$(sed -E 's/.*\"refresh_token\":\"([^\"]+)\".*/\\1/' pair.json)");
        out.println("  curl -s " + base + "/api/documents -H \"Authorization: Bearer $TOKEN\"       # 200");
        out.println("  curl -si -X POST " + base + "/api/documents -H \"Authorization: Bearer $TOKEN\"  # 403 insufficient_scope, scope=\"WRITE\"");
        out.println("  curl -s " + base + "/rest/me -H \"Authorization: Bearer $TOKEN\"");
        out.println("  curl -s -X POST " + base + "/oauth/token -d grant_type=refresh_token -d refresh_token=$REFRESH   # new pair; the old refresh token is spent");
        out.println("  curl -s -X POST " + base + "/oauth/introspect -H \"Authorization: Bearer $ADMIN\" -d token=$TOKEN");
        out.println("  curl -s -X POST " + base + "/oauth/revoke -H \"Authorization: Bearer $ADMIN\" -d token=$TOKEN");
        out.println("  curl -si " + base + "/api/documents -H \"Authorization: Bearer $TOKEN\"      # 401 invalid_token: revoked");
        out.println("  curl -si " + base + "/api/admin/stats -H \"Authorization: Bearer $ADMIN\"   # 200");
        out.println();
        out.flush();
    }
}
