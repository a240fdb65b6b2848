package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsMapTest {

    private static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iss", "https://auth.example.com");
        m.put("exp", new Date(1_780_000_000_000L));
        m.put("aud", List.of("documents-api"));
        m.put("nothing", null);
        return m;
    }

    @Test
    void copyOfWhenComparedToLinkedHashMapThenEqualWithSameHashAndOrder() {
        Map<String, Object> expected = sample();
        ClaimsMap c = ClaimsMap.copyOf(expected, null);

        assertThat(c).isEqualTo(expected);
        assertThat(expected).isEqualTo(c);
        assertThat(c.hashCode()).isEqualTo(expected.hashCode());
        assertThat(c.keySet()).containsExactly("iss", "exp", "aud", "nothing");
        assertThat(c.toString()).isEqualTo(expected.toString());
        assertThat(c.containsKey("nothing")).isTrue();
        assertThat(c.get(null)).isNull();
        assertThat(c.containsKey(null)).isFalse();
    }

    @Test
    void copyOfWhenKeysMatchTheShapeThenShapeIsShared() {
        ClaimsMap first = ClaimsMap.copyOf(sample(), null);
        ClaimsMap second = ClaimsMap.copyOf(sample(), first.keys());

        assertThat(second.keys()).isSameAs(first.keys());
        Map<String, Object> other = new LinkedHashMap<>(sample());
        other.put("extra", 1);
        assertThat(ClaimsMap.copyOf(other, first.keys()).keys()).isNotSameAs(first.keys()).hasSize(5);
    }

    @Test
    void getWhenValueIsAnInstantThenAFreshDateIsReturned() {
        Instant exp = Instant.ofEpochSecond(1_780_000_000L);
        ClaimsMap c = new ClaimsMap(new String[] {"exp"}, new Object[] {exp});

        Date d = (Date) c.get("exp");
        assertThat(d).isEqualTo(Date.from(exp));
        d.setTime(0);
        assertThat(c.get("exp")).isEqualTo(Date.from(exp));
        assertThat(c.values()).containsExactly(Date.from(exp));
        assertThat(c.containsValue(Date.from(exp))).isTrue();
    }

    @Test
    void mutatorsWhenCalledThenUnsupported() {
        ClaimsMap c = ClaimsMap.copyOf(sample(), null);

        assertThatThrownBy(() -> c.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.remove("iss")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(c::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.keySet().add("y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void validatedTokenWhenValidatedThenClaimsShareTheTokensFieldsAndReadAsParsed() {
        Fixture f = new Fixture();
        ValidatedToken t = f.validator.validate(f.issue(TokenType.API_ACCESS, "READ", "WRITE"));

        assertThat(t.claims()).isInstanceOf(ClaimsMap.class);
        assertThat(t.claims().get("exp")).isEqualTo(Date.from(t.expiresAt()));
        assertThat(t.claims().get("iat")).isEqualTo(Date.from(t.issuedAt()));
        assertThat(t.claims().get("iss")).isSameAs(t.issuer());
        assertThat(t.claims().get("aud")).isEqualTo(List.of(Fixture.AUDIENCE));
        assertThat(t.claims().get("scope")).isEqualTo("READ WRITE");
        assertThat(t.claims().get("token_type")).isEqualTo("API_ACCESS");
        ValidatedToken again = f.validator.validate(f.issue(TokenType.API_ACCESS, "READ", "WRITE"));
        assertThat(again.scopes()).isSameAs(t.scopes());
        assertThat(again.effectiveScopes()).isSameAs(t.effectiveScopes()).contains("READ", "WRITE");
    }
}
