package dev.tokengate.webhook;

import static dev.tokengate.webhook.Deliveries.assertRefused;
import static dev.tokengate.webhook.Deliveries.multi;
import static dev.tokengate.webhook.Deliveries.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.KeyRing;
import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WEBHOOK_VERIFICATION tokens: signed by the sender, validated through core's TokenValidator plus the bindings. */
class WebhookTokenTest {

    private static final long NOW = 1_750_000_000L;
    private static final String SENDER = "https://sender.example.com";
    private static final String ENDPOINT = "https://receiver.example.com/webhooks";
    private static final byte[] BODY = "{\"event\":\"document.signed\",\"id\":\"doc-1\"}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(NOW);
    private final String secret = WebhookSecrets.generate();

    private WebhookSigner signer(KeyRing keys, String audience) {
        TokenIssuer issuer = TokenIssuer.builder().keys(keys).issuer(SENDER).audience("unused").clock(clock).build();
        return WebhookSigner.builder().scheme(WebhookScheme.TOKEN).tokenIssuer(issuer).audience(audience).clock(clock).build();
    }

    private WebhookVerifier receiver(dev.tokengate.core.KeySource keys) {
        TokenValidator validator = TokenValidator.builder().keys(keys).issuer(SENDER).audience(ENDPOINT).clock(clock).build();
        return WebhookVerifier.builder().scheme(WebhookScheme.TOKEN).tokenValidator(validator).clock(clock).build();
    }

    @Test
    void verifyWhenHs256TokenBindsIdTimestampAndBodyThenValid() {
        Map<String, String> h = signer(WebhookSecrets.hmacKeyRing(secret), ENDPOINT).sign("msg_1", BODY);
        assertThat(h).containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-token");
        WebhookDelivery d = receiver(WebhookSecrets.hmacKeyRing(secret)).verify(multi(h), BODY);
        assertThat(d).isEqualTo(new WebhookDelivery(WebhookScheme.TOKEN, "msg_1", Instant.ofEpochSecond(NOW)));
    }

    @Test
    void verifyWhenSenderUsesAsymmetricKeyThenReceiverNeedsOnlyThePublicJwkSet() throws Exception {
        KeyRing senderKeys = KeyRing.generate(SigningAlgorithm.ES256);
        KeyRing publicOnly = KeyRing.builder().add(JWKSet.parse(senderKeys.publicJwkSetJson())).build();
        Map<String, String> h = signer(senderKeys, ENDPOINT).sign("msg_2", BODY);
        assertThat(receiver(publicOnly).verify(multi(h), BODY).messageId()).isEqualTo("msg_2");
        KeyRing stranger = KeyRing.builder().add(JWKSet.parse(KeyRing.generate(SigningAlgorithm.ES256).publicJwkSetJson())).build();
        assertRefused(ErrorCode.WEBHOOK_UNKNOWN_KEY, () -> receiver(stranger).verify(multi(h), BODY));
    }

    @Test
    void verifyWhenBodyIdOrTimestampDiffersFromTokenThenSignatureInvalid() {
        Map<String, String> h = signer(WebhookSecrets.hmacKeyRing(secret), ENDPOINT).sign("msg_3", BODY);
        WebhookVerifier r = receiver(WebhookSecrets.hmacKeyRing(secret));
        byte[] changed = BODY.clone();
        changed[5] ^= 1;
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> r.verify(multi(h), changed));
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> r.verify(with(h, "webhook-id", "msg_other"), BODY));
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> r.verify(with(h, "webhook-timestamp", Long.toString(NOW - 1)), BODY));
    }

    @Test
    void verifyWhenAudienceIsAnotherEndpointThenSignatureInvalid() {
        Map<String, String> h = signer(WebhookSecrets.hmacKeyRing(secret), "https://elsewhere.example.com/hooks").sign("msg_4", BODY);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> receiver(WebhookSecrets.hmacKeyRing(secret)).verify(multi(h), BODY));
    }

    @Test
    void verifyWhenTokenExpiredThenTimestampInvalid() {
        Map<String, String> h = signer(WebhookSecrets.hmacKeyRing(secret), ENDPOINT).sign("msg_5", BODY);
        WebhookVerifier r = WebhookVerifier.builder().scheme(WebhookScheme.TOKEN).clock(clock)
                .tolerance(Duration.ofHours(1), Duration.ofSeconds(300))
                .tokenValidator(TokenValidator.builder().keys(WebhookSecrets.hmacKeyRing(secret)).issuer(SENDER)
                        .audience(ENDPOINT).clock(clock).build())
                .build();
        clock.advance(Duration.ofMinutes(7)); // token lives 5 min, skew 60 s
        assertRefused(ErrorCode.WEBHOOK_TIMESTAMP_INVALID, () -> r.verify(multi(h), BODY));
    }

    @Test
    void verifyWhenTokenOfAnotherTypeOrWrongSecretThenRefused() {
        KeyRing ring = WebhookSecrets.hmacKeyRing(secret);
        String apiToken = TokenIssuer.builder().keys(ring).issuer(SENDER).audience(ENDPOINT).clock(clock).build()
                .issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("5m").subject("x").build());
        Map<String, String> h = signer(ring, ENDPOINT).sign("msg_6", BODY);
        WebhookVerifier r = receiver(ring);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> r.verify(with(h, "webhook-token", apiToken), BODY));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> r.verify(with(h, "webhook-token", "not.a.jwt"), BODY));
        assertRefused(ErrorCode.WEBHOOK_UNKNOWN_KEY, () -> receiver(WebhookSecrets.hmacKeyRing(WebhookSecrets.generate())).verify(multi(h), BODY));
    }

    @Test
    void verifyWhenSecretRotatedThenOldAndNewSecretTokensAccepted() {
        String newer = WebhookSecrets.generate();
        Map<String, String> old = signer(WebhookSecrets.hmacKeyRing(secret), ENDPOINT).sign("msg_7", BODY);
        Map<String, String> fresh = signer(WebhookSecrets.hmacKeyRing(newer), ENDPOINT).sign("msg_8", BODY);
        WebhookVerifier r = receiver(WebhookSecrets.hmacKeyRing(newer, secret));
        r.verify(multi(old), BODY);
        r.verify(multi(fresh), BODY);
    }

    @Test
    void verifyWhenReplayedThenReplayed() {
        Map<String, String> h = signer(WebhookSecrets.hmacKeyRing(secret), ENDPOINT).sign("msg_9", BODY);
        WebhookVerifier r = receiver(WebhookSecrets.hmacKeyRing(secret));
        r.verify(multi(h), BODY);
        assertRefused(ErrorCode.WEBHOOK_REPLAYED, () -> r.verify(multi(h), BODY));
    }

    @Test
    void verifyWhenHeaderMissingThenMalformed() {
        Map<String, String> h = signer(WebhookSecrets.hmacKeyRing(secret), ENDPOINT).sign("msg_10", BODY);
        for (String name : h.keySet()) {
            assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> receiver(WebhookSecrets.hmacKeyRing(secret))
                    .verify(Deliveries.without(h, name), BODY));
        }
    }

    @Test
    void hmacKeyRingWhenSecretBelow256BitsThenRefusedWithoutNamingIt() {
        String weak = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; // 24 bytes
        assertThatThrownBy(() -> WebhookSecrets.hmacKeyRing(weak)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24 bytes").hasMessageNotContaining("MfKQ9r8");
    }
}
