package dev.tokengate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated header sets and bodies, for every scheme: verification either
 * accepts or throws a {@link TokenException}; nothing else ever escapes.
 */
class FuzzTest {

    private static final long NOW = 1_700_000_000L;
    private static final String[] NASTY = {"", " ", ",", "=", "v1,", "v1a,", "t=", "v0=", "sha256=", "\u0000", "\n", "\r\n",
            "%", "\uFFFF", "\uD800", "é", "9".repeat(40), "-1", "+1", "1e9", "whsec_", "\"", "\\", ".", "..", "msg_",
            "A".repeat(9000), "v1," + "A".repeat(43) + "=", "t=1700000000,v1=" + "0".repeat(64)};

    @Test
    void verifyWhatEverTheInputThenOnlyTokenExceptionEscapes() {
        Random random = new Random(20260601L);
        MutableClock clock = new MutableClock(NOW);
        String std = WebhookSecrets.generate();
        String other = "fuzz-secret-of-plenty-of-bytes-0123";
        Map<WebhookScheme, WebhookVerifier> verifiers = new EnumMap<>(WebhookScheme.class);
        Map<WebhookScheme, WebhookSigner> signers = new EnumMap<>(WebhookScheme.class);
        for (WebhookScheme s : WebhookScheme.values()) {
            if (s == WebhookScheme.TOKEN) {
                var ring = WebhookSecrets.hmacKeyRing(std);
                verifiers.put(s, WebhookVerifier.builder().scheme(s).clock(clock).tokenValidator(TokenValidator.builder()
                        .keys(ring).issuer("https://s").audience("https://r").clock(clock).build()).build());
                signers.put(s, WebhookSigner.builder().scheme(s).clock(clock).audience("https://r")
                        .tokenIssuer(dev.tokengate.core.TokenIssuer.builder().keys(ring).issuer("https://s").audience("https://r")
                                .clock(clock).build()).build());
            } else {
                String secret = s == WebhookScheme.STANDARD ? std : other;
                verifiers.put(s, WebhookVerifier.builder().scheme(s).secret(secret).clock(clock).maxBodySize(4096)
                        .replayGuard(s.timestamped() ? ReplayGuard.inMemory(10_000, clock) : ReplayGuard.none()).build());
                signers.put(s, WebhookSigner.builder().scheme(s).secret(secret).clock(clock).build());
            }
        }
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 12_000; i++) {
            WebhookScheme scheme = WebhookScheme.values()[i % WebhookScheme.values().length];
            byte[] body = randomBody(random);
            Map<String, String> valid = signers.get(scheme).sign("msg_" + i, Instant.ofEpochSecond(NOW + random.nextInt(3) - 1), body);
            Map<String, List<String>> headers = mutate(random, valid, verifiers.keySet());
            byte[] sent = random.nextInt(4) == 0 ? mutateBody(random, body) : body;
            try {
                verifiers.get(scheme).verify(headers, sent);
                accepted++;
            } catch (TokenException e) {
                assertThat(e.code()).isNotNull();
                assertThat(e.getMessage()).doesNotContain(std.substring(6)).doesNotContain(other);
                refused++;
            } catch (Throwable t) {
                fail("iteration " + i + " (" + scheme + ") let " + t + " escape for headers " + headers, t);
            }
        }
        assertThat(accepted).as("some deliveries stay valid").isPositive();
        assertThat(refused).as("most mutations are refused").isGreaterThan(accepted);
    }

    private static byte[] randomBody(Random r) {
        byte[] b = new byte[r.nextInt(r.nextInt(10) == 0 ? 5000 : 200)];
        r.nextBytes(b);
        return r.nextBoolean() ? b : ("{\"n\":" + r.nextInt() + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutateBody(Random r, byte[] body) {
        if (body.length == 0) {
            return new byte[] {1};
        }
        byte[] b = body.clone();
        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        return b;
    }

    private static Map<String, List<String>> mutate(Random r, Map<String, String> valid, java.util.Set<WebhookScheme> unused) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        valid.forEach((k, v) -> h.put(r.nextInt(5) == 0 ? k.toUpperCase(java.util.Locale.ROOT) : k, new ArrayList<>(List.of(v))));
        int mutations = r.nextInt(4);
        List<String> names = new ArrayList<>(h.keySet());
        for (int m = 0; m < mutations && !names.isEmpty(); m++) {
            String name = names.get(r.nextInt(names.size()));
            List<String> values = h.get(name);
            if (values == null) {
                continue;
            }
            switch (r.nextInt(9)) {
                case 0 -> h.remove(name);
                case 1 -> values.add(values.isEmpty() ? "x" : values.get(0));
                case 2 -> values.replaceAll(v -> v == null || v.isEmpty() ? v : v.substring(0, r.nextInt(v.length())));
                case 3 -> values.replaceAll(v -> v + NASTY[r.nextInt(NASTY.length)]);
                case 4 -> values.replaceAll(v -> NASTY[r.nextInt(NASTY.length)]);
                case 5 -> values.replaceAll(v -> flipChar(r, v));
                case 6 -> h.put(name, new ArrayList<>());
                case 7 -> {
                    List<String> withNull = new ArrayList<>(values);
                    withNull.add(null);
                    h.put(name, withNull);
                }
                default -> h.put(name.replace("webhook-", "svix-"), values);
            }
        }
        if (r.nextInt(20) == 0) {
            h.put(null, List.of("status line"));
        }
        return h;
    }

    private static String flipChar(Random r, String v) {
        if (v == null || v.isEmpty()) {
            return "\u0000";
        }
        char[] c = v.toCharArray();
        c[r.nextInt(c.length)] = (char) r.nextInt(0x3000);
        return new String(c);
    }
}
