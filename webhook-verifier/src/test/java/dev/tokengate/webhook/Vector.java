package dev.tokengate.webhook;

import com.nimbusds.jose.util.JSONArrayUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One known-answer vector of src/test/resources/webhook-vectors.json (a copy of ../shared/webhook-vectors.json). */
record Vector(String id, WebhookScheme scheme, String secret, Map<String, String> headers, String payload,
        Long timestamp, Long now, String expected) {

    static List<Vector> all() {
        try (InputStream in = Vector.class.getResourceAsStream("/webhook-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("webhook-vectors.json is missing from the test resources");
            }
            List<Object> array = JSONArrayUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<Vector> out = new ArrayList<>();
            for (Object o : array) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                @SuppressWarnings("unchecked")
                Map<String, Object> h = (Map<String, Object>) m.get("headers");
                Map<String, String> headers = new LinkedHashMap<>();
                h.forEach((k, v) -> headers.put(k, (String) v));
                out.add(new Vector((String) m.get("id"), scheme((String) m.get("scheme")), (String) m.get("secret"), headers,
                        (String) m.get("payload"), number(m.get("timestamp")), number(m.get("now")), (String) m.get("expected")));
            }
            return out;
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot read webhook-vectors.json", e);
        }
    }

    /** Every scheme name of the vector file; an unknown one fails the test rather than skipping the vector. */
    static WebhookScheme scheme(String name) {
        return switch (name) {
            case "standard-webhooks-v1" -> WebhookScheme.STANDARD;
            case "github-sha256" -> WebhookScheme.GITHUB;
            case "slack-v0" -> WebhookScheme.SLACK;
            case "stripe-v1" -> WebhookScheme.STRIPE;
            case "shopify" -> WebhookScheme.SHOPIFY;
            default -> throw new IllegalStateException("unknown vector scheme '" + name + "'");
        };
    }

    private static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    byte[] body() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    long clockSeconds() {
        return now != null ? now : 1_700_000_000L;
    }

    WebhookVerifier verifier() {
        return verifier(new MutableClock(clockSeconds()));
    }

    WebhookVerifier verifier(MutableClock clock) {
        WebhookVerifier.Builder b = WebhookVerifier.builder().scheme(scheme).secret(secret).clock(clock);
        if (scheme.timestamped()) {
            b.replayGuard(ReplayGuard.inMemory(1000, clock));
        }
        return b.build();
    }

    @Override
    public String toString() {
        return id;
    }
}
