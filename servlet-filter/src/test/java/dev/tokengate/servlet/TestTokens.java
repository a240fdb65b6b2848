package dev.tokengate.servlet;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.KeyRing;
import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Real keys, a real issuer and validator, and the tokens the tests present. */
final class TestTokens {

    static final String ISSUER = "https://auth.example.test";
    static final String AUDIENCE = "documents-api";
    /** A well-formed token the test validator answers with KEYS_UNAVAILABLE. */
    static final String KEYS_DOWN = "keys-down";
    /** A well-formed token the test validator answers with STORE_UNAVAILABLE. */
    static final String STORE_DOWN = "store-down";

    final KeyRing keys = KeyRing.generate(SigningAlgorithm.ES256);
    final TokenIssuer issuer = TokenIssuer.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).build();
    final TokenValidator realValidator = TokenValidator.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).build();
    /** The real validator, plus two magic tokens that simulate an outage. */
    final TokenValidator validator = token -> {
        if (KEYS_DOWN.equals(token)) {
            throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, "test: key set unreachable");
        }
        if (STORE_DOWN.equals(token)) {
            throw new TokenException(ErrorCode.STORE_UNAVAILABLE, "test: store unreachable");
        }
        return realValidator.validate(token);
    };

    final String apiRead = issue(TokenType.API_ACCESS, "reader", "READ");
    final String apiWrite = issue(TokenType.API_ACCESS, "writer", "WRITE");
    final String apiNoScope = issue(TokenType.API_ACCESS, "nobody");
    final String sysAdmin = issue(TokenType.SYSTEM_OPERATION, "operator", "ADMIN");
    final String sysRead = issue(TokenType.SYSTEM_OPERATION, "operator", "READ");
    final String docOne = issuer.issue(TechnicalToken.builder().type(TokenType.DOCUMENT_ACCESS).expiration("15m")
            .subject("signer").bind("doc-1").build());
    final String expired;
    final String foreignKey;
    final String tampered;
    final String wrongAudience;

    TestTokens() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        expired = TokenIssuer.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(past).build()
                .issue(token(TokenType.API_ACCESS, "late", "READ"));
        KeyRing other = KeyRing.generate(SigningAlgorithm.ES256);
        foreignKey = TokenIssuer.builder().keys(other).issuer(ISSUER).audience(AUDIENCE).build()
                .issue(token(TokenType.API_ACCESS, "stranger", "READ"));
        char last = apiRead.charAt(apiRead.length() - 2);
        tampered = apiRead.substring(0, apiRead.length() - 2) + (last == 'A' ? 'B' : 'A') + apiRead.charAt(apiRead.length() - 1);
        wrongAudience = TokenIssuer.builder().keys(keys).issuer(ISSUER).audience("another-api").build()
                .issue(token(TokenType.API_ACCESS, "reader", "READ"));
    }

    String issue(TokenType type, String subject, String... scopes) {
        return issuer.issue(token(type, subject, scopes));
    }

    private static TechnicalToken token(TokenType type, String subject, String... scopes) {
        TechnicalToken.Builder b = TechnicalToken.builder().type(type).expiration("1h").subject(subject);
        if (scopes.length > 0) {
            b.scope(scopes);
        }
        return b.build();
    }

    /** The rules the filter tests run with (the example gateway's table plus test paths). */
    static final String RULES = """
            # documents
            GET  /api/documents      = API_ACCESS READ
            POST /api/documents      = API_ACCESS WRITE
            GET  /api/documents/{id} = API_ACCESS READ | DOCUMENT_ACCESS bind(id)
            /api/admin/**            = SYSTEM_OPERATION ADMIN
            /admin/**                = SYSTEM_OPERATION ADMIN
            GET  /api/async          = API_ACCESS READ
            GET  /api/any-of         = API_ACCESS any(WRITE,ADMIN)
            /public/**               = permitAll
            /api/**                  = denyAll
            """;
}
