package dev.tokengate.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitParamsTest {

    static final TestTokens T = new TestTokens();

    @TempDir
    Path dir;
    Path keys;
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, Object> contextAttributes = new LinkedHashMap<>();
    final ServletContext context = mock(ServletContext.class);

    @BeforeEach
    void validParams() throws Exception {
        keys = dir.resolve("keys.json");
        T.keys.save(keys);
        params.put("jwks-file", keys.toString());
        params.put("issuer", TestTokens.ISSUER);
        params.put("audience", TestTokens.AUDIENCE);
        params.put("rules", TestTokens.RULES);
        lenient().when(context.getAttribute(anyString())).thenAnswer(i -> contextAttributes.get(i.<String>getArgument(0)));
    }

    private FilterConfig config() {
        FilterConfig c = mock(FilterConfig.class);
        lenient().when(c.getFilterName()).thenReturn("gate");
        lenient().when(c.getServletContext()).thenReturn(context);
        lenient().when(c.getInitParameterNames()).thenAnswer(i -> Collections.enumeration(params.keySet()));
        lenient().when(c.getInitParameter(anyString())).thenAnswer(i -> params.get(i.<String>getArgument(0)));
        return c;
    }

    private TokenGateFilter init() throws ServletException {
        TokenGateFilter f = new TokenGateFilter();
        f.init(config());
        return f;
    }

    private void assertInitFails(String... messageParts) {
        assertThatThrownBy(this::init).isInstanceOf(ServletException.class)
                .hasMessageStartingWith("filter 'gate': ")
                .satisfies(e -> {
                    for (String p : messageParts) {
                        assertThat(e.getMessage()).contains(p);
                    }
                });
    }

    @Test
    void initWithKeysIssuerAudienceAndRulesThenEnforces() throws Exception {
        TokenGateFilter f = init();
        assertThat(TokenGateFilterTest.run(f, MockHttp.get("/api/documents").bearer(T.apiRead))).isNotNull();
        MockHttp none = MockHttp.get("/api/documents");
        assertThat(TokenGateFilterTest.run(f, none)).isNull();
        assertThat(none.headers).containsEntry("WWW-Authenticate", "Bearer realm=\"tokengate\"");
    }

    @Test
    void initWithEveryOptionalParamThenApplied() throws Exception {
        params.put("realm", "documents");
        params.put("deny-by-default", "false");
        params.put("token-transports", "header, query,form");
        params.put("retry-after-seconds", "9");
        params.put("public-path-token", "ignore");
        params.put("case-insensitive-paths", "true");
        params.put("clock-skew-seconds", "0");
        TokenGateFilter f = init();
        assertThat(TokenGateFilterTest.run(f, MockHttp.get("/API/Documents").query("access_token=" + T.apiRead))).isNotNull();
        assertThat(TokenGateFilterTest.run(f, MockHttp.get("/elsewhere").bearer("garbage"))).isNotNull();
        MockHttp down = MockHttp.get("/api/documents").bearer(T.expired);
        assertThat(TokenGateFilterTest.run(f, down)).isNull();
        assertThat(down.headers.get("WWW-Authenticate")).startsWith("Bearer realm=\"documents\", error=\"invalid_token\"");
    }

    @Test
    void initWithValidatorAttributeThenUsesIt() throws Exception {
        params.remove("jwks-file");
        params.remove("issuer");
        params.remove("audience");
        params.put("validator-attribute", "tokengate.validator");
        contextAttributes.put("tokengate.validator", T.validator);
        TokenGateFilter f = init();
        MockHttp down = MockHttp.get("/api/documents").bearer(TestTokens.KEYS_DOWN);
        assertThat(TokenGateFilterTest.run(f, down)).isNull();
        assertThat(down.status).isEqualTo(503);
    }

    @Test
    void initWithWebInfKeysThenResolvedInsideTheWebapp() throws Exception {
        params.put("jwks-file", "/WEB-INF/keys.json");
        lenient().when(context.getRealPath("/WEB-INF/keys.json")).thenReturn(keys.toString());
        assertThat(TokenGateFilterTest.run(init(), MockHttp.get("/api/documents").bearer(T.apiRead))).isNotNull();
        lenient().when(context.getRealPath("/WEB-INF/keys.json")).thenReturn(null);
        assertInitFails("jwks-file", "unpacked");
    }

    @Test
    void unknownParamsAreNamed() {
        params.put("relam", "x");
        params.put("deny_by_default", "true");
        assertInitFails("unknown init-param(s) [relam, deny_by_default]");
    }

    @Test
    void missingParamsAreNamed() {
        params.remove("issuer");
        params.remove("audience");
        assertInitFails("missing init-param(s) [issuer, audience]");
        params.clear();
        assertInitFails("missing init-param(s) [jwks-file, issuer, audience]", "validator-attribute");
    }

    @Test
    void missingRulesAreNamed() {
        params.put("rules", "   ");
        assertInitFails("missing init-param [rules]");
    }

    @Test
    void validatorAttributeContradictsKeyParams() {
        params.put("validator-attribute", "v");
        assertInitFails("validator-attribute contradicts [jwks-file, issuer, audience]");
    }

    @Test
    void validatorAttributeWithoutValidatorFails() {
        params.remove("jwks-file");
        params.remove("issuer");
        params.remove("audience");
        params.put("validator-attribute", "v");
        contextAttributes.put("v", "not a validator");
        assertInitFails("attribute 'v' holds no TokenValidator");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ~> ", quoteCharacter = '`', value = {
        "deny-by-default ~> yes ~> must be 'true' or 'false'",
        "case-insensitive-paths ~> TRUE ~> must be 'true' or 'false'",
        "retry-after-seconds ~> 0 ~> retry-after-seconds",
        "retry-after-seconds ~> 5s ~> whole number",
        "clock-skew-seconds ~> 301 ~> clock-skew-seconds",
        "token-transports ~> query ~> must list 'header'",
        "token-transports ~> header,cookie ~> 'cookie' is not one of",
        "token-transports ~> header,header ~> twice",
        "public-path-token ~> reject ~> 'validate' or 'ignore'",
        "realm ~> a\"b ~> init-param realm",
        "jwks-file ~> keys.json ~> absolute path",
        "jwks-file ~> /nonexistent/keys.json ~> cannot read",
    })
    void malformedParamFailsNamingIt(String name, String value, String message) {
        params.put(name, value);
        assertInitFails(message);
    }

    @Test
    void blankParamCountsAsMissing() {
        params.put("issuer", "  ");
        assertInitFails("missing init-param(s) [issuer]");
    }

    @Test
    void overlappingOrMalformedRulesFailNamingTheProblem() {
        params.put("rules", "/a = permitAll\n/a = denyAll");
        assertInitFails("init-param rules", "cover the same pattern");
        params.put("rules", "/a = permitAll\nGET /b = API_ACCESS bind(id)");
        assertInitFails("init-param rules", "line 2", "bind(id)");
    }

    @Test
    void keysFileThatIsNoJwkSetFailsNamingIt() throws Exception {
        Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "{}");
        params.put("jwks-file", bad.toString());
        assertInitFails("jwks-file");
    }
}
