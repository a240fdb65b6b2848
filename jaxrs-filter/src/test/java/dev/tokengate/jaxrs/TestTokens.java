package dev.tokengate.jaxrs;

import dev.tokengate.core.KeyRing;
import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** Real keys, a real issuer and validator, all on one fixed clock. */
final class TestTokens {

    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    static final String ISSUER = "https://auth.test";
    static final String AUDIENCE = "jaxrs-test";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final KeyRing keys = KeyRing.generate(SigningAlgorithm.ES256);
    private final TokenIssuer issuer = issuer(keys, clock);
    private final TokenValidator validator = TokenValidator.builder()
            .keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock).build();

    private static TokenIssuer issuer(KeyRing keys, Clock clock) {
        return TokenIssuer.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock).build();
    }

    TokenValidator validator() {
        return validator;
    }

    String issue(TokenType type, String... scopes) {
        return issue(TechnicalToken.builder().type(type).expiration("1h").subject("user-" + type.name().toLowerCase())
                .scope(scopes).build());
    }

    String issue(TechnicalToken token) {
        return issuer.issue(token);
    }

    String bound(TokenType type, String resourceId, String... scopes) {
        return issue(TechnicalToken.builder().type(type).expiration("15m").subject("bound-subject").scope(scopes)
                .bind(resourceId).build());
    }

    /** A token that expired ten minutes before {@link #NOW}, beyond the 60 s skew. */
    String expired(TokenType type, String... scopes) {
        TokenIssuer past = issuer(keys, Clock.fixed(NOW.minus(Duration.ofMinutes(70)), ZoneOffset.UTC));
        return past.issue(TechnicalToken.builder().type(type).expiration("1h").subject("late").scope(scopes).build());
    }

    /** A token signed by a key this validator does not know. */
    String foreign(TokenType type, String... scopes) {
        TokenIssuer other = issuer(KeyRing.generate(SigningAlgorithm.ES256), clock);
        return other.issue(TechnicalToken.builder().type(type).expiration("1h").subject("mallory").scope(scopes).build());
    }

    /** Counts the validations the feature performs. */
    static final class CountingValidator implements TokenValidator {
        private final TokenValidator delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingValidator(TokenValidator delegate) {
            this.delegate = delegate;
        }

        @Override
        public ValidatedToken validate(String token) {
            calls.incrementAndGet();
            return delegate.validate(token);
        }

        int calls() {
            return calls.get();
        }
    }
}
