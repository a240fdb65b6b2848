package dev.tokengate.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.InsufficientScopeException;
import dev.tokengate.core.TokenException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorResponsesTest {

    /** RFC 7235 challenge with RFC 6750 quoted values: %x20-21 / %x23-5B / %x5D-7E inside quotes. */
    private static final Pattern CHALLENGE = Pattern.compile("Bearer( [a-z_]+=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*\",?)+");

    private final ErrorResponses responses = new ErrorResponses("documents", 7);

    @Test
    void renderWhenTokenMissingThenBareChallenge() {
        ErrorResponse r = responses.render(new TokenException(ErrorCode.TOKEN_MISSING, "no token"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"documents\"");
        assertThat(r.retryAfter()).isNull();
    }

    @Test
    void renderWhenExpiredThenInvalidTokenChallengeAndProblemBody() {
        ErrorResponse r = responses.render(new TokenException(ErrorCode.TOKEN_EXPIRED, "expired 75s ago"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).isEqualTo(
                "Bearer realm=\"documents\", error=\"invalid_token\", error_description=\"The access token has expired.\"");
        assertThat(r.body()).isEqualTo("{\"type\":\"https://tokengate.dev/problems/token-expired\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"The access token has expired.\",\"code\":\"TOKEN_EXPIRED\"}");
        assertThat(r.body()).doesNotContain("75s");
    }

    @Test
    void renderWhenScopeMissingThen403WithScopeAttribute() {
        ErrorResponse r = responses.render(new InsufficientScopeException(ErrorCode.INSUFFICIENT_SCOPE, "x", List.of("READ", "documents:write")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.wwwAuthenticate()).endsWith("error=\"insufficient_scope\", error_description=\"The access token lacks a required scope.\", scope=\"READ documents:write\"");
    }

    @Test
    void renderWhenUnavailableThen503WithRetryAfterAndNoChallenge() {
        ErrorResponse r = responses.render(new TokenException(ErrorCode.STORE_UNAVAILABLE, "redis down"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.retryAfter()).isEqualTo("7");
        assertThat(r.wwwAuthenticate()).isNull();
    }

    @Test
    void renderWhenInvalidRequestThen400() {
        ErrorResponse r = responses.render(ErrorCode.INVALID_REQUEST);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.wwwAuthenticate()).contains("error=\"invalid_request\"");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void renderWhenAnyCodeThenChallengeHoldsOnlyRfc6750CharactersAndBodyNamesTheCode(ErrorCode code) {
        ErrorResponse r = responses.render(code);
        assertThat(r.status()).isEqualTo(code.httpStatus());
        if (r.wwwAuthenticate() != null) {
            assertThat(r.wwwAuthenticate()).matches(CHALLENGE);
        }
        assertThat(r.body()).contains("\"code\":\"" + code.name() + "\"").doesNotContain("dev.tokengate");
    }

    @Test
    void constructWhenRealmHoldsAQuoteThenRefused() {
        assertThatThrownBy(() -> new ErrorResponses("a\"b", 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realm 'a\"b'");
        assertThatThrownBy(() -> new ErrorResponses("r", 0)).hasMessageContaining("retryAfterSeconds");
    }
}
