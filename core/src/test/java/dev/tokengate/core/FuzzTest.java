package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random and mutated tokens: only TokenException escapes, nothing hangs. */
class FuzzTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \"{}[]:,\\\u0000\u00e9";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void validateWhenTwentyThousandRandomOrMutatedInputsThenOnlyTokenExceptionWithACode() {
        Fixture f = new Fixture(SigningAlgorithm.HS256);
        Random random = new Random(20261203L);
        String valid = f.issuer.issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("15m").subject("s")
                .scope("READ").metadata("m", Map.of("a", 1)).bind("doc").build());
        String[] parts = valid.split("\\.");
        Map<ErrorCode, Integer> seen = new EnumMap<>(ErrorCode.class);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String input = switch (i % 5) {
                case 0 -> randomString(random, random.nextInt(200));
                case 1 -> mutate(random, valid);
                case 2 -> TokenValidatorTest.b64(randomJson(random)) + "." + parts[1] + "." + parts[2];
                case 3 -> parts[0] + "." + TokenValidatorTest.b64(randomJson(random)) + "." + parts[2];
                default -> TokenValidatorTest.b64(randomJson(random)) + "." + TokenValidatorTest.b64(randomJson(random)) + "."
                        + randomString(random, random.nextInt(60));
            };
            try {
                f.validator.validate(input);
                accepted++;
            } catch (TokenException e) {
                assertThat(e.code()).isNotNull();
                seen.merge(e.code(), 1, Integer::sum);
            } catch (Throwable t) {
                fail("input #" + i + " let " + t + " escape: " + input, t);
            }
        }
        // a mutation can leave the token valid (e.g. a changed base64 padding bit), but never often
        assertThat(accepted).isLessThan(200);
        assertThat(seen).containsKeys(ErrorCode.TOKEN_MALFORMED, ErrorCode.SIGNATURE_INVALID);
    }

    private static String randomString(Random r, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String mutate(Random r, String s) {
        StringBuilder sb = new StringBuilder(s);
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n && sb.length() > 0; i++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                case 1 -> sb.deleteCharAt(at);
                default -> sb.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"alg\"", "\"HS256\"", "\"none\"", "\"kid\"",
        "\"typ\"", "\"at+jwt\"", "\"crit\"", "\"exp\"", "1e999", "-1", "null", "true", "\"\\u0000\"", "\"x\"", "9999999999999999999999"};

    private static String randomJson(Random r) {
        StringBuilder sb = new StringBuilder("{");
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
        return sb.append(r.nextBoolean() ? "}" : "").toString();
    }
}
