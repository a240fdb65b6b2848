package dev.tokengate.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.core.http.BearerTokenExtractor;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class TokenGateFilterTest {

    static final TestTokens T = new TestTokens();
    static final String BARE = "Bearer realm=\"tokengate\"";
    static final String INVALID_TOKEN = BARE + ", error=\"invalid_token\", error_description=\"";
    static final String SCOPE_PREFIX = BARE + ", error=\"insufficient_scope\", error_description=\""
            + ErrorCode.INSUFFICIENT_SCOPE.description() + "\"";

    private final TokenGateFilter filter = builder().build();

    static TokenGateFilter.Builder builder() {
        return TokenGateFilter.builder().validator(T.validator).rules(TestTokens.RULES);
    }

    /** Runs the filter; returns the request the chain got, or {@code null} when it was not called. */
    static HttpServletRequest run(TokenGateFilter f, MockHttp http) throws Exception {
        AtomicReference<ServletRequest> passed = new AtomicReference<>();
        FilterChain chain = (req, res) -> passed.set(req);
        f.doFilter(http.request, http.response, chain);
        return (HttpServletRequest) passed.get();
    }

    private HttpServletRequest run(MockHttp http) throws Exception {
        return run(filter, http);
    }

    private static void assertRefused(MockHttp http, int status, ErrorCode code, String challenge) {
        assertThat(http.status).isEqualTo(status);
        assertThat(http.headers.get("WWW-Authenticate")).isEqualTo(challenge);
        assertThat(http.contentType).isEqualTo("application/problem+json");
        assertThat(http.headers).containsEntry("Cache-Control", "no-store");
        assertThat(http.body()).contains("\"code\":\"" + code.name() + "\"").contains("\"status\":" + status);
        verify(http.response).setContentLength(http.body.size());
    }

    @Test
    void getDocumentsWithReadTokenThenWrappedRequestWithPrincipalRolesAndToken() throws Exception {
        MockHttp http = MockHttp.get("/api/documents").bearer(T.apiRead);
        HttpServletRequest seen = run(http);
        assertThat(seen).isInstanceOf(TokenGateRequest.class);
        assertThat(seen.getUserPrincipal().getName()).isEqualTo("reader");
        assertThat(seen.getRemoteUser()).isEqualTo("reader");
        assertThat(seen.getAuthType()).isEqualTo("Bearer");
        assertThat(seen.isUserInRole("READ")).isTrue();
        assertThat(seen.isUserInRole("WRITE")).isFalse();
        assertThat(seen.isUserInRole(null)).isFalse();
        assertThat(http.attributes.get(TokenGateFilter.TOKEN_ATTRIBUTE)).isInstanceOfSatisfying(ValidatedToken.class,
                t -> assertThat(t.subject()).isEqualTo("reader"));
        assertThat(http.status).isEqualTo(200);
    }

    @Test
    void getDocumentsWithWriteTokenThenPassesThroughHierarchy() throws Exception {
        HttpServletRequest seen = run(MockHttp.get("/api/documents").bearer(T.apiWrite));
        assertThat(seen.isUserInRole("READ")).isTrue();
        assertThat(seen.isUserInRole("WRITE")).isTrue();
        assertThat(seen.isUserInRole("ADMIN")).isFalse();
    }

    @Test
    void postDocumentsWithReadTokenThen403NamingTheScope() throws Exception {
        MockHttp http = new MockHttp("POST", "/api/documents").bearer(T.apiRead);
        assertThat(run(http)).isNull();
        assertRefused(http, 403, ErrorCode.INSUFFICIENT_SCOPE, SCOPE_PREFIX + ", scope=\"WRITE\"");
    }

    @Test
    void anyOfRuleWhenOneScopeHeldThenPassesElse403NamingAll() throws Exception {
        assertThat(run(MockHttp.get("/api/any-of").bearer(T.apiWrite))).isNotNull();
        MockHttp http = MockHttp.get("/api/any-of").bearer(T.apiRead);
        assertThat(run(http)).isNull();
        assertRefused(http, 403, ErrorCode.INSUFFICIENT_SCOPE, SCOPE_PREFIX + ", scope=\"WRITE ADMIN\"");
    }

    @Test
    void protectedPathWithoutTokenThen401BareChallenge() throws Exception {
        MockHttp http = MockHttp.get("/api/documents");
        assertThat(run(http)).isNull();
        assertRefused(http, 401, ErrorCode.TOKEN_MISSING, BARE);
    }

    @ParameterizedTest
    @CsvSource({"expired,TOKEN_EXPIRED", "foreignKey,KEY_UNKNOWN", "wrongAudience,AUDIENCE_MISMATCH", "garbage,TOKEN_MALFORMED"})
    void protectedPathWithBadTokenThen401InvalidTokenWithoutEchoingIt(String which, ErrorCode code) throws Exception {
        String token = switch (which) {
            case "expired" -> T.expired;
            case "foreignKey" -> T.foreignKey;
            case "wrongAudience" -> T.wrongAudience;
            default -> "garbage";
        };
        MockHttp http = MockHttp.get("/api/documents").bearer(token);
        assertThat(run(http)).isNull();
        assertRefused(http, 401, code, INVALID_TOKEN + code.description() + "\"");
        assertThat(http.body()).doesNotContain(token);
        assertThat(http.headers.values()).noneMatch(v -> v.contains(token));
    }

    @Test
    void tamperedTokenThen401InvalidToken() throws Exception {
        MockHttp http = MockHttp.get("/api/documents").bearer(T.tampered);
        assertThat(run(http)).isNull();
        assertThat(http.status).isEqualTo(401);
        assertThat(http.headers.get("WWW-Authenticate")).startsWith(INVALID_TOKEN);
    }

    @Test
    void documentTokenBoundToPathIdThenPassesElseResourceMismatch() throws Exception {
        assertThat(run(MockHttp.get("/api/documents/doc-1").bearer(T.docOne)).getUserPrincipal().getName()).isEqualTo("signer");
        MockHttp other = MockHttp.get("/api/documents/doc-2").bearer(T.docOne);
        assertThat(run(other)).isNull();
        assertRefused(other, 403, ErrorCode.RESOURCE_MISMATCH, SCOPE_PREFIX.replace(ErrorCode.INSUFFICIENT_SCOPE.description(),
                ErrorCode.RESOURCE_MISMATCH.description()));
        assertThat(run(MockHttp.get("/api/documents/doc-2").bearer(T.apiRead))).isNotNull();
    }

    @Test
    void tokenOfWrongTypeThen401TypeMismatch() throws Exception {
        MockHttp http = MockHttp.get("/api/documents").bearer(T.sysAdmin);
        assertThat(run(http)).isNull();
        assertRefused(http, 401, ErrorCode.TOKEN_TYPE_MISMATCH, INVALID_TOKEN + ErrorCode.TOKEN_TYPE_MISMATCH.description() + "\"");
    }

    @Test
    void adminPathNeedsSystemOperationWithAdmin() throws Exception {
        assertThat(run(MockHttp.get("/api/admin/users").bearer(T.sysAdmin))).isNotNull();
        MockHttp read = MockHttp.get("/api/admin/users").bearer(T.sysRead);
        assertThat(run(read)).isNull();
        assertRefused(read, 403, ErrorCode.INSUFFICIENT_SCOPE, SCOPE_PREFIX + ", scope=\"ADMIN\"");
        MockHttp api = MockHttp.get("/api/admin/users").bearer(T.apiRead);
        assertThat(run(api)).isNull();
        assertThat(api.status).isEqualTo(401);
    }

    @Test
    void denyAllWithValidTokenThen403WithoutScopeAndWithoutTokenThen401() throws Exception {
        MockHttp with = MockHttp.get("/api/other").bearer(T.sysAdmin);
        assertThat(run(with)).isNull();
        assertRefused(with, 403, ErrorCode.INSUFFICIENT_SCOPE, SCOPE_PREFIX);
        MockHttp without = MockHttp.get("/api/other");
        assertThat(run(without)).isNull();
        assertRefused(without, 401, ErrorCode.TOKEN_MISSING, BARE);
    }

    @Test
    void unmatchedPathWhenDenyByDefaultThenRefusedElseAnonymous() throws Exception {
        MockHttp http = MockHttp.get("/elsewhere");
        assertThat(run(http)).isNull();
        assertThat(http.status).isEqualTo(401);
        MockHttp token = MockHttp.get("/elsewhere").bearer(T.apiWrite);
        assertThat(run(token)).isNull();
        assertThat(token.status).isEqualTo(403);

        TokenGateFilter open = builder().denyByDefault(false).build();
        MockHttp anon = MockHttp.get("/elsewhere");
        assertThat(run(open, anon)).isSameAs(anon.request);
    }

    @Test
    void publicPathWithoutTokenThenOriginalRequestUntouched() throws Exception {
        MockHttp http = MockHttp.get("/public/documents");
        assertThat(run(http)).isSameAs(http.request);
        assertThat(http.attributes).doesNotContainKey(TokenGateFilter.TOKEN_ATTRIBUTE);
        verify(http.response, never()).setStatus(any(Integer.class));
    }

    @Test
    void publicPathWhenValidatingThenValidTokenAuthenticatesAndBadTokenIsRefused() throws Exception {
        assertThat(run(MockHttp.get("/public/documents").bearer(T.apiRead)).getUserPrincipal().getName()).isEqualTo("reader");
        MockHttp bad = MockHttp.get("/public/documents").bearer(T.expired);
        assertThat(run(bad)).isNull();
        assertThat(bad.status).isEqualTo(401);
        MockHttp two = MockHttp.get("/public/documents").bearer(T.apiRead).bearer(T.apiRead);
        assertThat(run(two)).isNull();
        assertThat(two.status).isEqualTo(400);
    }

    @Test
    void publicPathWhenIgnoringThenAnyTokenIsIgnored() throws Exception {
        TokenGateFilter ignoring = builder().publicPathPolicy(PublicPathPolicy.IGNORE_TOKEN).build();
        for (MockHttp http : new MockHttp[] {MockHttp.get("/public/documents").bearer(T.expired),
                MockHttp.get("/public/documents").bearer(T.apiRead).bearer(T.apiRead),
                MockHttp.get("/public/documents").bearer(T.apiRead)}) {
            assertThat(run(ignoring, http)).isSameAs(http.request);
            assertThat(http.attributes).doesNotContainKey(TokenGateFilter.TOKEN_ATTRIBUTE);
        }
        MockHttp protectedPath = MockHttp.get("/api/documents").bearer(T.expired);
        assertThat(run(ignoring, protectedPath)).isNull();
        assertThat(protectedPath.status).isEqualTo(401);
    }

    @Test
    void twoAuthorizationHeadersThen400InvalidRequest() throws Exception {
        MockHttp http = MockHttp.get("/api/documents").bearer(T.apiRead).bearer(T.apiWrite);
        assertThat(run(http)).isNull();
        assertRefused(http, 400, ErrorCode.INVALID_REQUEST, BARE + ", error=\"invalid_request\", error_description=\""
                + ErrorCode.INVALID_REQUEST.description() + "\"");
    }

    @Test
    void headerPlusQueryTokenThen400EvenWithQueryTransportOff() throws Exception {
        MockHttp http = MockHttp.get("/api/documents").bearer(T.apiRead).query("a=1&access_token=" + T.apiRead);
        assertThat(run(http)).isNull();
        assertThat(http.status).isEqualTo(400);
        MockHttp encodedName = MockHttp.get("/api/documents").bearer(T.apiRead).query("access%5Ftoken=x");
        assertThat(run(encodedName)).isNull();
        assertThat(encodedName.status).isEqualTo(400);
    }

    @Test
    void queryTokenOnlyWhenQueryTransportOffThen401ElseAccepted() throws Exception {
        MockHttp off = MockHttp.get("/api/documents").query("access_token=" + T.apiRead);
        assertThat(run(off)).isNull();
        assertRefused(off, 401, ErrorCode.TOKEN_MISSING, BARE);
        TokenGateFilter withQuery = builder().extractor(BearerTokenExtractor.of(true, false)).build();
        assertThat(run(withQuery, MockHttp.get("/api/documents").query("access_token=" + T.apiRead))).isNotNull();
        MockHttp twoQueries = MockHttp.get("/api/documents").query("access_token=a&access_token=b");
        assertThat(run(withQuery, twoQueries)).isNull();
        assertThat(twoQueries.status).isEqualTo(400);
        MockHttp undecodable = MockHttp.get("/api/documents").query("access_token=%zz");
        assertThat(run(withQuery, undecodable)).isNull();
        assertThat(undecodable.status).isEqualTo(400);
    }

    @Test
    void formTokenWhenFormTransportOnThenAccepted() throws Exception {
        TokenGateFilter withForm = builder().extractor(BearerTokenExtractor.of(false, true)).build();
        MockHttp http = new MockHttp("POST", "/api/documents");
        when(http.request.getContentType()).thenReturn("application/x-www-form-urlencoded; charset=UTF-8");
        when(http.request.getParameterValues("access_token")).thenReturn(new String[] {T.apiWrite});
        assertThat(run(withForm, http)).isNotNull();
        MockHttp off = new MockHttp("POST", "/api/documents");
        assertThat(run(off)).isNull();
        verify(off.request, never()).getParameterValues(any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer a\r\nX: y", "Bearer caf\u00e9", "Bearer a\tb", "Bearer", "Bearer  ", "Bearer a b"})
    void malformedAuthorizationHeaderThen400(String header) throws Exception {
        MockHttp http = MockHttp.get("/api/documents").header(header);
        assertThat(run(http)).isNull();
        assertThat(http.status).isEqualTo(400);
        assertThat(http.body()).contains("INVALID_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Beaver x", "fooBearer x", "BearerX", "Basic dXNlcjpwYXNz"})
    void otherSchemesAreNoBearerTokenThen401Bare(String header) throws Exception {
        MockHttp http = MockHttp.get("/api/documents").header(header);
        assertThat(run(http)).isNull();
        assertRefused(http, 401, ErrorCode.TOKEN_MISSING, BARE);
    }

    @Test
    void schemeIsCaseInsensitive() throws Exception {
        assertThat(run(MockHttp.get("/api/documents").header("bEARER " + T.apiRead))).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({TestTokens.KEYS_DOWN + ",KEYS_UNAVAILABLE", TestTokens.STORE_DOWN + ",STORE_UNAVAILABLE"})
    void unavailableThen503WithRetryAfterAndNoChallenge(String token, ErrorCode code) throws Exception {
        MockHttp http = MockHttp.get("/api/documents").bearer(token);
        assertThat(run(http)).isNull();
        assertRefused(http, 503, code, null);
        assertThat(http.headers).containsEntry("Retry-After", "5");
        MockHttp custom = MockHttp.get("/api/documents").bearer(token);
        assertThat(run(builder().retryAfter(Duration.ofSeconds(30)).build(), custom)).isNull();
        assertThat(custom.headers).containsEntry("Retry-After", "30");
    }

    @Test
    void realmIsConfigurable() throws Exception {
        MockHttp http = MockHttp.get("/api/documents");
        assertThat(run(builder().realm("documents").build(), http)).isNull();
        assertThat(http.headers).containsEntry("WWW-Authenticate", "Bearer realm=\"documents\"");
    }

    @ParameterizedTest
    @CsvSource({"/admin/,401", "/admin;jsessionid=x,401", "/admin;/,401", "/public/..;/admin,400", "/public/%2e%2e/admin,400",
        "/./admin,400", "//admin,400", "/admin%2Fusers,400", "/admin%5cusers,400", "/admin%0a,400", "/ADMIN,401",
        "/Admin/secret,401", "/public/%2E%2E/admin/secret,400", "/public/%2e%2e%2fadmin,400"})
    void bypassPathsNeverReachTheResourceWithoutToken(String path, int status) throws Exception {
        MockHttp http = MockHttp.get(path);
        assertThat(run(http)).isNull();
        assertThat(http.status).isEqualTo(status);
    }

    @Test
    void caseInsensitivePathsWhenContainerIgnoresCaseThenUpperCaseIsProtected() throws Exception {
        TokenGateFilter ci = builder().caseInsensitivePaths(true).build();
        MockHttp anon = MockHttp.get("/ADMIN/secret");
        assertThat(run(ci, anon)).isNull();
        assertThat(anon.status).isEqualTo(401);
        assertThat(run(ci, MockHttp.get("/ADMIN/secret").bearer(T.sysAdmin))).isNotNull();
        assertThat(run(ci, MockHttp.get("/PUBLIC/x"))).isNotNull();
    }

    @Test
    void contextPathIsStrippedBeforeMatching() throws Exception {
        MockHttp http = MockHttp.get("/app/api/documents").bearer(T.apiRead);
        when(http.context.getContextPath()).thenReturn("/app");
        assertThat(run(http)).isNotNull();
        MockHttp outside = MockHttp.get("/other/api/documents");
        when(outside.context.getContextPath()).thenReturn("/app");
        assertThat(run(outside)).isNull();
        assertThat(outside.status).isEqualTo(400);
    }

    @Test
    void forwardAndErrorDispatchToProtectedPathWithoutTokenThenRefused() throws Exception {
        for (DispatcherType type : new DispatcherType[] {DispatcherType.FORWARD, DispatcherType.ERROR, DispatcherType.ASYNC}) {
            MockHttp http = MockHttp.get("/admin/secret").dispatch(type);
            assertThat(run(http)).as(type.name()).isNull();
            assertThat(http.status).isEqualTo(401);
        }
    }

    @Test
    void includeOfProtectedPathWithoutTokenThenNothingWrittenAndNotIncluded() throws Exception {
        MockHttp http = MockHttp.get("/public/page").dispatch(DispatcherType.INCLUDE);
        http.attributes.put(RequestDispatcher.INCLUDE_REQUEST_URI, "/admin/secret");
        assertThat(run(http)).isNull();
        verify(http.response, never()).setStatus(any(Integer.class));
        assertThat(http.body.size()).isZero();
        MockHttp publicInclude = MockHttp.get("/admin/secret").dispatch(DispatcherType.INCLUDE);
        publicInclude.attributes.put(RequestDispatcher.INCLUDE_REQUEST_URI, "/public/fragment");
        assertThat(run(publicInclude)).isNotNull();
    }

    @Test
    void laterDispatchReusesTheAuthenticationOfThisFilterOnly() throws Exception {
        MockHttp first = MockHttp.get("/api/documents").bearer(T.sysAdmin);
        run(first); // refused (type mismatch) but then authenticate a good one:
        MockHttp http = MockHttp.get("/api/admin/x").bearer(T.sysAdmin);
        assertThat(run(http)).isNotNull();
        // error dispatch of the same request: the container hands the unwrapped request, no header needed
        MockHttp error = MockHttp.get("/api/admin/errors").dispatch(DispatcherType.ERROR);
        error.attributes.putAll(http.attributes);
        HttpServletRequest seen = run(error);
        assertThat(seen.getUserPrincipal().getName()).isEqualTo("operator");
        // another filter instance does not trust it
        MockHttp foreign = MockHttp.get("/api/admin/errors").dispatch(DispatcherType.ERROR);
        foreign.attributes.putAll(http.attributes);
        assertThat(run(builder().build(), foreign)).isNull();
        assertThat(foreign.status).isEqualTo(401);
        // a new REQUEST dispatch never reuses it
        MockHttp fresh = MockHttp.get("/api/admin/x");
        fresh.attributes.putAll(http.attributes);
        assertThat(run(fresh)).isNull();
        assertThat(fresh.status).isEqualTo(401);
    }

    @Test
    void dispatchOfAlreadyWrappedRequestIsNotWrappedTwice() throws Exception {
        MockHttp http = MockHttp.get("/api/documents").bearer(T.apiRead);
        HttpServletRequest wrapped = run(http);
        when(http.request.getDispatcherType()).thenReturn(DispatcherType.ASYNC);
        AtomicReference<ServletRequest> passed = new AtomicReference<>();
        filter.doFilter(wrapped, http.response, (req, res) -> passed.set(req));
        assertThat(passed.get()).isSameAs(wrapped);
    }

    @Test
    void wrapperStartAsyncKeepsTheWrapperForTheAsyncPart() throws Exception {
        MockHttp http = MockHttp.get("/api/documents").bearer(T.apiRead);
        HttpServletRequest wrapped = run(http);
        AsyncContext ctx = mock(AsyncContext.class);
        when(http.request.startAsync(wrapped, http.response)).thenReturn(ctx);
        assertThat(wrapped.startAsync()).isSameAs(ctx);
    }

    @Test
    void committedResponseIsLeftAlone() throws Exception {
        MockHttp http = MockHttp.get("/api/documents");
        when(http.response.isCommitted()).thenReturn(true);
        assertThat(run(http)).isNull();
        verify(http.response, never()).setStatus(any(Integer.class));
    }

    @Test
    void doFilterBeforeInitOrOnNonHttpThenServletException() throws Exception {
        MockHttp http = MockHttp.get("/api/documents");
        assertThatThrownBy(() -> new TokenGateFilter().doFilter(http.request, http.response, (a, b) -> { }))
                .isInstanceOf(ServletException.class).hasMessageContaining("not initialized");
        assertThatThrownBy(() -> filter.doFilter(mock(ServletRequest.class), mock(ServletResponse.class), (a, b) -> { }))
                .isInstanceOf(ServletException.class).hasMessageContaining("HTTP");
    }

    @Test
    void filterBuiltInCodeRefusesInitParams() throws Exception {
        FilterConfig config = mock(FilterConfig.class);
        when(config.getFilterName()).thenReturn("gate");
        when(config.getInitParameterNames()).thenReturn(Collections.enumeration(java.util.List.of("rules")));
        assertThatThrownBy(() -> filter.init(config)).isInstanceOf(ServletException.class)
                .hasMessageContaining("configured in code").hasMessageContaining("rules");
        FilterConfig empty = mock(FilterConfig.class);
        when(empty.getInitParameterNames()).thenReturn(Collections.emptyEnumeration());
        filter.init(empty);
        filter.destroy();
    }

    @Test
    void builderRejectsMissingAndBadSettings() {
        assertThatThrownBy(() -> TokenGateFilter.builder().rules(TestTokens.RULES).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("validator");
        assertThatThrownBy(() -> TokenGateFilter.builder().validator(T.validator).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rule");
        assertThatThrownBy(() -> builder().rule(AccessRule.permitAll("/api/**")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/api/**");
        assertThatThrownBy(() -> builder().realm("a\"b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realm");
        assertThatThrownBy(() -> builder().retryAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryAfter");
        assertThatThrownBy(() -> builder().retryAfter(Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().rules("/x = nothing")).isInstanceOf(IllegalArgumentException.class);
    }
}
