package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JwtTokenValidatorBindingsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
    private final KeyRing keys = KeyRing.generate(SigningAlgorithm.ES256);
    private final TokenIssuer issuer = TokenIssuer.builder().keys(keys).issuer("https://i").audience("a").clock(clock).build();
    private final TokenValidator validator = TokenValidator.builder().keys(keys).issuer("https://i").audience("a").clock(clock).build();

    @Test
    void validateWhenTokenHasNoBindingsThenValidWithEmptyBindings() {
        String jwt = issuer.issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h").subject("s").scope("READ").build());

        ValidatedToken token = validator.validate(jwt);

        assertThat(token.bindings()).isEmpty();
        assertThat(token.hasScope("READ")).isTrue();
    }

    @Test
    void validateWhenTokenHasBindingsThenTheyAreKept() {
        String jwt = issuer.issue(TechnicalToken.builder().type(TokenType.DOCUMENT_ACCESS).expiration("1h").subject("s").bind("doc-1").build());

        assertThat(validator.validate(jwt).bindings()).containsExactly("doc-1");
    }
}
