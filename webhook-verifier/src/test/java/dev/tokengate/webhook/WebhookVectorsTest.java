package dev.tokengate.webhook;

import static dev.tokengate.webhook.Deliveries.assertRefused;
import static dev.tokengate.webhook.Deliveries.casing;
import static dev.tokengate.webhook.Deliveries.multi;
import static dev.tokengate.webhook.Deliveries.signatureHeader;
import static dev.tokengate.webhook.Deliveries.with;
import static dev.tokengate.webhook.Deliveries.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every known-answer vector of webhook-vectors.json, and the negatives derived from each. */
class WebhookVectorsTest {

    static List<Vector> vectors() {
        return Vector.all();
    }

    static Stream<Vector> timestamped() {
        return vectors().stream().filter(v -> v.scheme().timestamped());
    }

    static Stream<Vector> json() {
        return vectors().stream().filter(v -> v.payload().startsWith("{"));
    }

    @Test
    void vectorFileIsCopiedVerbatimAndHoldsEveryVector() throws Exception {
        byte[] copy;
        try (var in = getClass().getResourceAsStream("/webhook-vectors.json")) {
            copy = in.readAllBytes();
        }
        java.nio.file.Path shared = java.nio.file.Path.of("..", "..", "shared", "webhook-vectors.json");
        if (java.nio.file.Files.exists(shared)) {
            assertThat(copy).isEqualTo(java.nio.file.Files.readAllBytes(shared));
        }
        assertThat(vectors()).extracting(Vector::id).contains("sw-01", "sw-20", "gh-01", "slack-01");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenVectorThenExpectedOutcome(Vector v) {
        if (v.expected().equals("valid")) {
            WebhookDelivery d = v.verifier().verify(multi(v.headers()), v.body());
            assertThat(d.scheme()).isEqualTo(v.scheme());
            assertThat(d.timestamp()).isEqualTo(v.timestamp() == null ? null : Instant.ofEpochSecond(v.timestamp()));
            if (v.scheme() == WebhookScheme.STANDARD) {
                assertThat(d.messageId()).isEqualTo(v.headers().get("webhook-id"));
            } else {
                assertThat(d.messageId()).isNull();
            }
        } else {
            assertRefused(ErrorCode.valueOf(v.expected()), () -> v.verifier().verify(multi(v.headers()), v.body()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signWhenVectorInputsThenVectorHeaders(Vector v) {
        Map<String, String> signed = WebhookSigner.builder().scheme(v.scheme()).secret(v.secret()).build()
                .sign(v.headers().getOrDefault("webhook-id", "unused"),
                        Instant.ofEpochSecond(v.timestamp() == null ? 0 : v.timestamp()), v.body());
        Map<String, String> expected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        expected.putAll(v.headers());
        Map<String, String> actual = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        actual.putAll(signed);
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenOneByteChangedThenSignatureInvalid(Vector v) {
        byte[] body = v.body();
        for (int i : new int[] {0, body.length / 2, body.length - 1}) {
            byte[] changed = body.clone();
            changed[i] ^= 0x01;
            assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> v.verifier().verify(multi(v.headers()), changed));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("json")
    void verifyWhenJsonReserializedWithOtherWhitespaceThenSignatureInvalid(Vector v) {
        String p = v.payload();
        String other = p.contains(": ") ? p.replace(": ", ":") : p.replace(":", ": ");
        assertThat(other).isNotEqualTo(p);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID,
                () -> v.verifier().verify(multi(v.headers()), other.getBytes(StandardCharsets.UTF_8)));
        String pretty = p.replace("{", "{\n  ").replace("}", "\n}");
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID,
                () -> v.verifier().verify(multi(v.headers()), pretty.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenTrailingNewlineDroppedOrAddedThenSignatureInvalid(Vector v) {
        byte[] withNewline = (v.payload() + "\n").getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = sign(v, withNewline);
        v.verifier().verify(multi(signed), withNewline);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> v.verifier().verify(multi(signed), v.body()));
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> v.verifier().verify(multi(v.headers()), withNewline));
        byte[] crlf = (v.payload() + "\r\n").getBytes(StandardCharsets.UTF_8);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> v.verifier().verify(multi(signed), crlf));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenUtf8BodyDecodedAsIso88591ThenSignatureInvalid(Vector v) {
        byte[] utf8 = (v.payload() + "\u00e9\u20ac").getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = sign(v, utf8);
        v.verifier().verify(multi(signed), utf8);
        byte[] mangled = new String(utf8, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> v.verifier().verify(multi(signed), mangled));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenWrongSecretThenSignatureInvalid(Vector v) {
        WebhookVerifier wrong = WebhookVerifier.builder().scheme(v.scheme()).secret(Deliveries.otherSecret(v.scheme()))
                .clock(new MutableClock(v.clockSeconds())).build();
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID, () -> wrong.verify(multi(v.headers()), v.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenRotatingThenOldOrNewSecretAccepted(Vector v) {
        String other = Deliveries.otherSecret(v.scheme());
        for (List<String> secrets : List.of(List.of(other, v.secret()), List.of(v.secret(), other))) {
            WebhookVerifier.Builder b = WebhookVerifier.builder().scheme(v.scheme()).clock(new MutableClock(v.clockSeconds()));
            secrets.forEach(b::secret);
            assertThat(b.build().verify(multi(v.headers()), v.body()).scheme()).isEqualTo(v.scheme());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenAnyHeaderMissingThenMalformed(Vector v) {
        for (String name : v.headers().keySet()) {
            assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> v.verifier().verify(without(v.headers(), name), v.body()));
        }
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> v.verifier().verify(Map.of(), v.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenSignatureEmptyOrMalformedThenMalformed(Vector v) {
        String name = signatureHeader(v.scheme());
        String good = v.headers().get(name);
        for (String bad : List.of("", " ", "garbage", good.substring(0, good.length() - 2), good + "00", good + "==",
                good.replace("=", "=="), good.toUpperCase(java.util.Locale.ROOT).replace("V", "X"), "\u00e9" + good)) {
            if (bad.equals(good)) {
                continue;
            }
            WebhookVerifier verifier = v.verifier();
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                    dev.tokengate.core.TokenException.class, () -> verifier.verify(with(v.headers(), name, bad), v.body())).code())
                    .as("signature header '%s'", bad)
                    .isIn(ErrorCode.WEBHOOK_MALFORMED, ErrorCode.WEBHOOK_SIGNATURE_INVALID, ErrorCode.WEBHOOK_UNKNOWN_KEY);
        }
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> v.verifier().verify(with(v.headers(), name, ""), v.body()));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED, () -> v.verifier().verify(with(v.headers(), name, "garbage"), v.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenHeaderNamesInAnyCaseThenValid(Vector v) {
        v.verifier().verify(casing(v.headers(), true), v.body());
        v.verifier().verify(casing(v.headers(), false), v.body());
        v.verifier().verify(WebhookHeaders.ofSingle(v.headers()), v.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamped")
    void verifyWhenTimestampAtToleranceThenValidAndOneSecondBeyondThenTimestampInvalid(Vector v) {
        long ts = v.timestamp();
        for (long now : new long[] {ts + 300, ts - 300}) {
            WebhookVerifier ok = WebhookVerifier.builder().scheme(v.scheme()).secret(v.secret()).clock(new MutableClock(now)).build();
            assertThat(ok.verify(multi(v.headers()), v.body()).timestamp()).isEqualTo(Instant.ofEpochSecond(ts));
        }
        for (long now : new long[] {ts + 301, ts - 301}) {
            WebhookVerifier late = WebhookVerifier.builder().scheme(v.scheme()).secret(v.secret()).clock(new MutableClock(now)).build();
            assertRefused(ErrorCode.WEBHOOK_TIMESTAMP_INVALID, () -> late.verify(multi(v.headers()), v.body()));
        }
        // separate past and future tolerances
        WebhookVerifier asym = WebhookVerifier.builder().scheme(v.scheme()).secret(v.secret())
                .tolerance(Duration.ofSeconds(10), Duration.ofSeconds(2)).clock(new MutableClock(ts + 10)).build();
        asym.verify(multi(v.headers()), v.body());
        WebhookVerifier asymLate = WebhookVerifier.builder().scheme(v.scheme()).secret(v.secret())
                .tolerance(Duration.ofSeconds(10), Duration.ofSeconds(2)).clock(new MutableClock(ts - 3)).build();
        assertRefused(ErrorCode.WEBHOOK_TIMESTAMP_INVALID, () -> asymLate.verify(multi(v.headers()), v.body()));
        WebhookVerifier asymEarly = WebhookVerifier.builder().scheme(v.scheme()).secret(v.secret())
                .tolerance(Duration.ofSeconds(10), Duration.ofSeconds(2)).clock(new MutableClock(ts - 2)).build();
        asymEarly.verify(multi(v.headers()), v.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamped")
    void verifyWhenReplayedThenReplayed(Vector v) {
        WebhookVerifier verifier = v.verifier();
        verifier.verify(multi(v.headers()), v.body());
        assertRefused(ErrorCode.WEBHOOK_REPLAYED, () -> verifier.verify(multi(v.headers()), v.body()));
        assertRefused(ErrorCode.WEBHOOK_REPLAYED, () -> verifier.verify(casing(v.headers(), true), v.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenBodyInsideLargerBufferThenOnlyTheRangeCounts(Vector v) {
        byte[] body = v.body();
        byte[] buffer = new byte[body.length + 10];
        System.arraycopy(body, 0, buffer, 3, body.length);
        v.verifier().verify(WebhookHeaders.of(multi(v.headers())), buffer, 3, body.length);
        assertRefused(ErrorCode.WEBHOOK_SIGNATURE_INVALID,
                () -> v.verifier().verify(WebhookHeaders.of(multi(v.headers())), buffer, 3, body.length + 1));
        assertRefused(ErrorCode.WEBHOOK_MALFORMED,
                () -> v.verifier().verify(WebhookHeaders.of(multi(v.headers())), buffer, 3, body.length + 8));
    }

    /** Signs a body as the vector's sender would, with the vector's secret, id and timestamp. */
    static Map<String, String> sign(Vector v, byte[] body) {
        return WebhookSigner.builder().scheme(v.scheme()).secret(v.secret()).build()
                .sign(v.headers().getOrDefault("webhook-id", "msg_x"),
                        Instant.ofEpochSecond(v.timestamp() == null ? 0 : v.timestamp()), body);
    }
}
