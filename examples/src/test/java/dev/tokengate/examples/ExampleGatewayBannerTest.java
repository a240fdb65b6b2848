package dev.tokengate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.TokenRequirement;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExampleGatewayBannerTest {

    @Test
    void bannerPrintsAWorkingAdminTokenAndCurlLinesForThisGateway() throws Exception {
        try (Gateway g = Gateway.start(GatewayConfig.defaults(0))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ExampleGateway.printBanner(g, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String banner = bytes.toString(StandardCharsets.UTF_8);

            String admin = banner.lines().filter(l -> l.startsWith("  export ADMIN=")).findFirst().orElseThrow()
                    .substring("  export ADMIN=".length());
            TokenValidator validator = TokenValidator.builder().keys(g.keys()).issuer(g.issuer()).audience(g.audience()).build();
            assertThat(validator.validate(admin, TokenRequirement.of(TokenType.SYSTEM_OPERATION).requireScope("ADMIN")).subject())
                    .isEqualTo("admin");
            assertThat(banner).contains("tokengate example gateway on " + g.baseUrl(), "issuer    http://localhost:" + g.port(),
                    "curl -s " + g.baseUrl() + "/public/documents", g.baseUrl() + "/oauth/revoke",
                    "/webhooks/standard secret " + g.webhookSecret());
            assertThat(g.webhookSecret()).startsWith("whsec_");
        }
    }

    @Test
    void bannerNeverPrintsAConfiguredSecretInFull() throws Exception {
        String configured = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        try (Gateway g = Gateway.start(new GatewayConfig(0, null, null, null, null, configured, "github-secret-0123456789", null))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ExampleGateway.printBanner(g, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String banner = bytes.toString(StandardCharsets.UTF_8);
            assertThat(banner).doesNotContain(configured).doesNotContain("github-secret-0123456789")
                    .contains("/webhooks/standard secret …LaSw (configured)", "/webhooks/github   secret …6789 (configured)")
                    .contains("/webhooks/stripe   secret whsec_");
        }
    }

    @Test
    void optionsFallBackToTheEnvironmentThenToDefaults() {
        GatewayOptions o = new GatewayOptions();
        new picocli.CommandLine(o).parseArgs("--port", "9090", "--audience", "docs");
        GatewayConfig c = GatewayConfig.of(o);
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.audience()).isEqualTo("docs");
        assertThat(c.issuer()).isNull();   // http://localhost:<port> once bound
        GatewayOptions defaults = new GatewayOptions();
        new picocli.CommandLine(defaults).parseArgs();
        assertThat(GatewayConfig.of(defaults).audience()).isEqualTo(System.getenv().getOrDefault("TOKENGATE_AUDIENCE", "tokengate-example"));
    }
}
