package dev.tokengate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.KeyRing;
import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TokenValidator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration errors are fatal and say what to fix; secrets never show in toString or messages. */
class BuilderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void buildWhenSchemeMissingThenIllegalState() {
        assertThatThrownBy(() -> WebhookVerifier.builder().secret(SECRET).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("scheme");
    }

    @Test
    void buildWhenNoSecretThenIllegalState() {
        assertThatThrownBy(() -> WebhookVerifier.builder().scheme(WebhookScheme.GITHUB).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("secret(");
    }

    @Test
    void buildWhenSecretDoesNotSuitSchemeThenIllegalStateWithoutTheSecret() {
        assertThatThrownBy(() -> WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret("whsec_not*base64!!").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("secret #1")
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> WebhookVerifier.builder().scheme(WebhookScheme.GITHUB).secret("short").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 16").hasMessageNotContaining("short'");
    }

    @Test
    void settersWhenValueOutOfRangeThenIllegalArgumentNamingIt() {
        assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ofHours(2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past tolerance");
        assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ZERO, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future tolerance");
        assertThatThrownBy(() -> WebhookVerifier.builder().maxBodySize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodySize");
        assertThatThrownBy(() -> WebhookVerifier.builder().secret(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
    }

    @Test
    void buildWhenReplayGuardForSchemeWithoutTimestampThenIllegalState() {
        assertThatThrownBy(() -> WebhookVerifier.builder().scheme(WebhookScheme.GITHUB).secret("a-github-secret-1234")
                .replayGuard(ReplayGuard.inMemory()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no signed timestamp");
    }

    @Test
    void buildWhenTokenSchemeMisconfiguredThenIllegalState() {
        assertThatThrownBy(() -> WebhookVerifier.builder().scheme(WebhookScheme.TOKEN).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenValidator");
        assertThatThrownBy(() -> WebhookVerifier.builder().scheme(WebhookScheme.TOKEN).secret(SECRET).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("takes no secret");
        TokenValidator validator = TokenValidator.builder().keys(KeyRing.generate(SigningAlgorithm.ES256))
                .issuer("https://s").audience("https://r").build();
        assertThatThrownBy(() -> WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).tokenValidator(validator).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only for the TOKEN scheme");
    }

    @Test
    void signerWhenSeveralSecretsForSingleSignatureSchemeThenIllegalState() {
        assertThatThrownBy(() -> WebhookSigner.builder().scheme(WebhookScheme.GITHUB).secret("a-github-secret-1234")
                .secret("b-github-secret-1234").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one signature");
        assertThatThrownBy(() -> WebhookSigner.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WebhookSigner.builder().secret(SECRET).build().sign("msg with space", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messageId");
    }

    @Test
    void toStringNeverShowsSecrets() {
        WebhookVerifier v = WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).build();
        WebhookSigner s = WebhookSigner.builder().secret(SECRET).build();
        assertThat(v.toString()).contains("STANDARD").doesNotContain("MfKQ9r8");
        assertThat(s.toString()).contains("***").doesNotContain("MfKQ9r8");
        assertThat(new SecretText(SECRET).toString()).isEqualTo("***");
        assertThat(Secret.forScheme(WebhookScheme.STANDARD, SECRET).toString()).isEqualTo("***");
        assertThat(new WebhookFilter(v).toString()).doesNotContain("MfKQ9r8");
        assertThat(WebhookFeature.builder().verifier("a", v).build().toString()).doesNotContain("MfKQ9r8");
    }

    @Test
    void featureWhenNameBlankOrTakenThenIllegalArgument() {
        WebhookVerifier v = WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).build();
        assertThatThrownBy(() -> WebhookFeature.builder().verifier(" ", v)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookFeature.builder().verifier("a", v).verifier("a", v)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookFeature.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
