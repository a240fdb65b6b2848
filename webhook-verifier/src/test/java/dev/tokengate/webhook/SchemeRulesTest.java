package dev.tokengate.webhook;

import static dev.tokengate.webhook.Deliveries.assertRefused;
import static dev.tokengate.webhook.Deliveries.multi;
import static dev.tokengate.webhook.Deliveries.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scheme-specific parsing rules: strict timestamps, aliases, multi-valued headers, secret bytes. */
class SchemeRulesTest {

    private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final long NOW = 1614265330;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> SW = Map.of(
            "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp", "1614265330",
            "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    private static WebhookVerifier standard() {
        return WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SW_SECRET).clock(new MutableClock(NOW)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1614265330", "-1614265330", " 1614265330", "1614265330 ", "1614265330.0", "1.6e9",
            "0x603811F2", "1614265330\n", "\u0661\u0666\u0661\u0664\u0662\u0666\u0665\u0663\u0663\u0660", "", "abc"})
    void verifyWhenTimestampNotDigitsOnlyThenMalformed(String ts) {
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> standard().verify(with(SW, "webhook-timestamp", ts), BODY));
    }

    @Test
    void verifyWhenTimestampHasLeadingZeroThenSignatureInvalidBecauseTheTextIsSigned() {
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> standard().verify(with(SW, "webhook-timestamp", "01614265330"), BODY));
    }

    @Test
    void verifyWhenTimestampHugeThenTimestampInvalid() {
        assertRefused(ErrorCode.WEBHOOK_TIMESTAMP_INVALID,
                () -> standard().verify(with(SW, "webhook-timestamp", "99999999999999999999999999"), BODY));
        assertRefused(ErrorCode.WEBHOOK_TIMESTAMP_INVALID, () -> standard().verify(with(SW, "webhook-timestamp", "0"), BODY));
    }

    @Test
    void verifyWhenSvixHeaderAliasesThenValid() {
        Map<String, String> svix = Map.of("svix-id", SW.get("webhook-id"), "svix-timestamp", SW.get("webhook-timestamp"),
                "svix-signature", SW.get("webhook-signature"));
        WebhookDelivery d = standard().verify(multi(svix), BODY);
        assertThat(d.messageId()).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
        assertThat(d.timestamp()).isEqualTo(Instant.ofEpochSecond(NOW));
        Map<String, String> upper = Map.of("Svix-Id", SW.get("webhook-id"), "SVIX-TIMESTAMP", SW.get("webhook-timestamp"),
                "svix-Signature", SW.get("webhook-signature"));
        standard().verify(multi(upper), BODY);
    }

    @Test
    void verifyWhenHeaderFamiliesMixedThenMalformed() {
        Map<String, String> mixed = Map.of("webhook-id", SW.get("webhook-id"), "svix-timestamp", SW.get("webhook-timestamp"),
                "svix-signature", SW.get("webhook-signature"));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> standard().verify(multi(mixed), BODY));
    }

    @Test
    void verifyWhenSignatureSplitOverSeveralHeaderValuesThenValid() {
        String wrong = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
        standard().verify(with(SW, "webhook-signature", wrong, SW.get("webhook-signature")), BODY);
        standard().verify(with(SW, "Webhook-Signature", wrong + " " + SW.get("webhook-signature") + " v1a,abc"), BODY);
        standard().verify(with(SW, "webhook-signature", "v2,xyz  " + SW.get("webhook-signature")), BODY);
    }

    @Test
    void verifyWhenSingleValuedHeaderRepeatedThenMalformed() {
        assertRefused(ErrorCode.WEBHOOK_MALFORMED,
                () -> standard().verify(with(SW, "webhook-id", SW.get("webhook-id"), SW.get("webhook-id")), BODY));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED,
                () -> standard().verify(with(SW, "webhook-timestamp", "1614265330", "1614265330"), BODY));
        Map<String, List<String>> twoCases = multi(SW);
        twoCases.put("WEBHOOK-ID", List.of("msg_other"));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> standard().verify(twoCases, BODY));
    }

    @Test
    void verifyWhenOnlyUnknownSignatureVersionsThenUnknownKey() {
        assertRefused(ErrorCode.WEBHOOK_UNKNOWN_KEY,
                () -> standard().verify(with(SW, "webhook-signature", "v1a,AAAA v2,BBBB"), BODY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v1,", ",abc", "V1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "v1,not*base64",
            "v1,AAAA", "v1:g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="})
    void verifyWhenSignatureEntryMalformedThenMalformed(String sig) {
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> standard().verify(with(SW, "webhook-signature", sig), BODY));
    }

    @Test
    void verifyWhenTooManySignaturesThenMalformed() {
        String many = String.join(" ", java.util.Collections.nCopies(33, SW.get("webhook-signature")));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> standard().verify(with(SW, "webhook-signature", many), BODY));
    }

    @Test
    void verifyWhenMessageIdHasSpaceOrIsTooLongThenMalformed() {
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> standard().verify(with(SW, "webhook-id", "msg x"), BODY));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> standard().verify(with(SW, "webhook-id", "m".repeat(257)), BODY));
    }

    @Test
    void verifyWhenBodyOverLimitThenTooLarge() {
        WebhookVerifier small = WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SW_SECRET)
                .clock(new MutableClock(NOW)).maxBodySize(BODY.length - 1).build();
        assertRefused(ErrorCode.WEBHOOK_TOO_LARGE, () -> small.verify(multi(SW), BODY));
    }

    @Test
    void standardSecretWithoutPrefixIsReadAsBase64() {
        WebhookVerifier noPrefix = WebhookVerifier.builder().scheme(WebhookScheme.STANDARD)
                .secret(SW_SECRET.substring("whsec_".length())).clock(new MutableClock(NOW)).build();
        noPrefix.verify(multi(SW), BODY);
    }

    // --- Stripe -----------------------------------------------------------------------------

    private static final String STRIPE_SECRET = "whsec_test_secret_0123456789abcdef";

    private static String hmacHex(byte[] key, String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return Codec.hex(mac.doFinal(body));
    }

    private static WebhookVerifier stripe(String... secrets) {
        WebhookVerifier.Builder b = WebhookVerifier.builder().scheme(WebhookScheme.STRIPE).clock(new MutableClock(NOW));
        for (String s : secrets) {
            b.secret(s);
        }
        return b.build();
    }

    @Test
    void stripeSecretBytesAreTheWholeWhsecString() throws Exception {
        String sig = hmacHex(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), NOW + ".", BODY);
        WebhookDelivery d = stripe(STRIPE_SECRET).verify(Map.of("Stripe-Signature", List.of("t=" + NOW + ",v1=" + sig)), BODY);
        assertThat(d.timestamp()).isEqualTo(Instant.ofEpochSecond(NOW));
        // the Standard Webhooks reading (base64 after the prefix) is not what Stripe signs with
        String stdSig = hmacHex(Base64.getDecoder().decode("dGVzdF9zZWNyZXRfMDEyMzQ1Njc4OWFiY2RlZg=="), NOW + ".", BODY);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID,
                () -> stripe(STRIPE_SECRET).verify(Map.of("Stripe-Signature", List.of("t=" + NOW + ",v1=" + stdSig)), BODY));
    }

    @Test
    void stripeWhenSeveralV1AndV0ThenAnyV1MayMatch() throws Exception {
        String sig = hmacHex(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), NOW + ".", BODY);
        String header = "t=" + NOW + ",v1=" + "0".repeat(64) + ",v1=" + sig + ",v0=" + "1".repeat(64);
        stripe(STRIPE_SECRET).verify(Map.of("stripe-signature", List.of(header)), BODY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1=00", "t=1614265330", "t=1614265330,t=1614265330,v1=SIG", "t=1614265330;v1=SIG",
            "t=1614265330, v1=SIG", "t= 1614265330,v1=SIG", "t=1614265330,v1=SIG,", "t=-1,v1=SIG", "=x,t=1614265330,v1=SIG"})
    void stripeWhenHeaderMalformedThenMalformed(String header) throws Exception {
        String sig = hmacHex(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), NOW + ".", BODY);
        String h = header.replace("SIG", sig);
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> stripe(STRIPE_SECRET).verify(Map.of("Stripe-Signature", List.of(h)), BODY));
    }

    @Test
    void stripeWhenOnlyV0ThenUnknownKey() {
        assertRefused(ErrorCode.WEBHOOK_UNKNOWN_KEY, () -> stripe(STRIPE_SECRET)
                .verify(Map.of("Stripe-Signature", List.of("t=" + NOW + ",v0=" + "1".repeat(64))), BODY));
    }

    @Test
    void stripeSignerSignsWithEverySecretDuringRotation() {
        String old = "whsec_old_secret_0123456789abcdef";
        Map<String, String> h = WebhookSigner.builder().scheme(WebhookScheme.STRIPE).secret(STRIPE_SECRET).secret(old).build()
                .sign("unused", Instant.ofEpochSecond(NOW), BODY);
        assertThat(h.get("Stripe-Signature")).matches("t=" + NOW + ",v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        stripe(STRIPE_SECRET).verify(multi(h), BODY);
        stripe(old).verify(multi(h), BODY);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> stripe("whsec_unrelated_0123456789abcdef").verify(multi(h), BODY));
    }

    @Test
    void stripeWhenReplayedThenReplayed() {
        WebhookVerifier v = stripe(STRIPE_SECRET);
        Map<String, String> h = WebhookSigner.builder().scheme(WebhookScheme.STRIPE).secret(STRIPE_SECRET).build()
                .sign("unused", Instant.ofEpochSecond(NOW), BODY);
        v.verify(multi(h), BODY);
        assertRefused(ErrorCode.WEBHOOK_REPLAYED, () -> v.verify(multi(h), BODY));
        // a retry is signed anew with a new timestamp: accepted
        Map<String, String> retry = WebhookSigner.builder().scheme(WebhookScheme.STRIPE).secret(STRIPE_SECRET).build()
                .sign("unused", Instant.ofEpochSecond(NOW + 1), BODY);
        v.verify(multi(retry), BODY);
    }

    // --- GitHub, Slack, Shopify --------------------------------------------------------------

    @Test
    void githubWhenPrefixNotExactThenMalformed() {
        WebhookVerifier gh = WebhookVerifier.builder().scheme(WebhookScheme.GITHUB).secret("It's a Secret to Everybody").build();
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String hex = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        gh.verify(Map.of("x-hub-signature-256", List.of("sha256=" + hex)), body);
        gh.verify(Map.of("x-hub-signature-256", List.of("sha256=" + hex.toUpperCase(java.util.Locale.ROOT))), body);
        for (String bad : List.of("SHA256=" + hex, "sha256:" + hex, " sha256=" + hex, "sha1=" + hex, hex, "sha256=" + hex + " ")) {
            assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> gh.verify(Map.of("X-Hub-Signature-256", List.of(bad)), body));
        }
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> gh.verify(Map.of("X-Hub-Signature", List.of("sha1=abc")), body));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED,
                () -> gh.verify(Map.of("X-Hub-Signature-256", List.of("sha256=" + hex, "sha256=" + hex)), body));
    }

    @Test
    void slackWhenPrefixNotV0ThenMalformed() {
        Map<String, String> h = WebhookSigner.builder().scheme(WebhookScheme.SLACK).secret("8f742231b10e8888abcd99yyyzzz85a5").build()
                .sign("unused", Instant.ofEpochSecond(NOW), BODY);
        WebhookVerifier slack = WebhookVerifier.builder().scheme(WebhookScheme.SLACK).secret("8f742231b10e8888abcd99yyyzzz85a5")
                .clock(new MutableClock(NOW)).replayGuard(ReplayGuard.none()).build();
        slack.verify(multi(h), BODY);
        String sig = h.get("X-Slack-Signature");
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> slack.verify(with(h, "X-Slack-Signature", sig.replace("v0=", "v1=")), BODY));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> slack.verify(with(h, "X-Slack-Signature", sig.replace("v0=", "V0=")), BODY));
    }

    @Test
    void shopifyRoundTripAndTamperedBodyRefused() {
        String secret = "shpss_0123456789abcdef0123456789abcdef";
        Map<String, String> h = WebhookSigner.builder().scheme(WebhookScheme.SHOPIFY).secret(secret).build().sign("x", BODY);
        assertThat(h).containsOnlyKeys("X-Shopify-Hmac-Sha256");
        WebhookVerifier shop = WebhookVerifier.builder().scheme(WebhookScheme.SHOPIFY).secret(secret).build();
        WebhookDelivery d = shop.verify(multi(h), BODY);
        assertThat(d.messageId()).isNull();
        assertThat(d.timestamp()).isNull();
        byte[] changed = BODY.clone();
        changed[0] ^= 1;
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> shop.verify(multi(h), changed));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> shop.verify(with(h, "X-Shopify-Hmac-Sha256", "not base64!"), BODY));
    }

    @Test
    void standardSignerSignsWithEverySecretDuringRotationAndReceiversOfEitherAccept() {
        String newer = WebhookSecrets.generate();
        Map<String, String> h = WebhookSigner.builder().secret(newer).secret(SW_SECRET).clock(new MutableClock(NOW)).build()
                .sign("msg_rotation", BODY);
        assertThat(h.get("webhook-signature")).matches("v1,[A-Za-z0-9+/=]{44} v1,[A-Za-z0-9+/=]{44}");
        assertThat(h.get("webhook-timestamp")).isEqualTo(Long.toString(NOW));
        standard().verify(multi(h), BODY);
        WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(newer).clock(new MutableClock(NOW)).build().verify(multi(h), BODY);
        Map<String, String> ordered = new LinkedHashMap<>(h);
        assertThat(ordered.keySet()).containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
    }

    @Test
    void generatedSecretsAreWhsecWith256RandomBits() {
        String a = WebhookSecrets.generate();
        assertThat(a).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        assertThat(WebhookSecrets.generate()).isNotEqualTo(a);
    }
}
