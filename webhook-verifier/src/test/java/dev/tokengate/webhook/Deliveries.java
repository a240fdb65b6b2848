package dev.tokengate.webhook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test helpers: header maps and exact error-code assertions. */
final class Deliveries {

    private Deliveries() {
    }

    static Map<String, List<String>> multi(Map<String, String> single) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        single.forEach((k, v) -> m.put(k, new ArrayList<>(List.of(v))));
        return m;
    }

    static Map<String, List<String>> without(Map<String, String> single, String name) {
        Map<String, List<String>> m = multi(single);
        m.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        return m;
    }

    static Map<String, List<String>> with(Map<String, String> single, String name, String... values) {
        Map<String, List<String>> m = without(single, name);
        m.put(name, new ArrayList<>(List.of(values)));
        return m;
    }

    static Map<String, List<String>> casing(Map<String, String> single, boolean upper) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        single.forEach((k, v) -> m.put(upper ? k.toUpperCase(Locale.ROOT) : k.toLowerCase(Locale.ROOT), List.of(v)));
        return m;
    }

    static String signatureHeader(WebhookScheme scheme) {
        return switch (scheme) {
            case STANDARD -> "webhook-signature";
            case GITHUB -> "X-Hub-Signature-256";
            case STRIPE -> "Stripe-Signature";
            case SLACK -> "X-Slack-Signature";
            case SHOPIFY -> "X-Shopify-Hmac-Sha256";
            case TOKEN -> "webhook-token";
        };
    }

    static void assertRefused(ErrorCode code, Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(TokenException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((TokenException) e).code())
                        .as("error code (message: %s)", e.getMessage()).isEqualTo(code));
    }

    /** Another secret of the same kind. */
    static String otherSecret(WebhookScheme scheme) {
        return scheme == WebhookScheme.STANDARD ? WebhookSecrets.generate() : "another-secret-of-32-characters!";
    }
}
