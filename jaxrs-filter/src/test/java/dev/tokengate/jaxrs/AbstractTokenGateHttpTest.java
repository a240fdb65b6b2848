package dev.tokengate.jaxrs;

import static dev.tokengate.core.TokenType.API_ACCESS;
import static dev.tokengate.core.TokenType.DOCUMENT_ACCESS;
import static dev.tokengate.core.TokenType.SYSTEM_OPERATION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one HTTP suite, run against every JAX-RS runtime: each subclass deploys {@link
 * TestResources.TestApplication} (with a {@link TokenGateFeature}) into a real Jetty 12 servlet
 * context, and every test talks to it over real HTTP with {@link HttpClient}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractTokenGateHttpTest {

    private static final String REALM = "test-api";
    private static final String BARE = "Bearer realm=\"" + REALM + "\"";

    private final TestTokens tokens = new TestTokens();
    private final TestTokens.CountingValidator counting = new TestTokens.CountingValidator(tokens.validator());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private AutoCloseable runtime;
    private URI base;

    /**
     * Adds the runtime's servlet, serving {@code app} at {@code /*}, to the context.
     *
     * @return what to close after the server stopped
     */
    protected abstract AutoCloseable deploy(ServletContextHandler context, Application app) throws Exception;

    @BeforeAll
    void start() throws Exception {
        TokenGateFeature feature = TokenGateFeature.builder().validator(counting).realm(REALM).build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new PreValidatingServletFilter(tokens.validator())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        runtime = deploy(context, new TestResources.TestApplication(feature));
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    // ---- authentication: 401 without a valid token, never 403 ----

    @Test
    void requestWithoutTokenThen401WithBareChallengeAndProblemBody() throws Exception {
        HttpResponse<String> r = send("GET", "docs", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(BARE);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).isEqualTo(ErrorResponses.problemJson(ErrorCode.TOKEN_MISSING));
        assertThat(r.body()).contains("\"type\":", "\"title\":\"Unauthorized\"", "\"status\":401", "\"detail\":", "\"code\":\"TOKEN_MISSING\"");
    }

    @Test
    void malformedTokenThen401InvalidToken() throws Exception {
        HttpResponse<String> r = send("GET", "docs", "abc.def.ghi");
        assertRefused(r, 401, ErrorCode.TOKEN_MALFORMED);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith(BARE + ", error=\"invalid_token\"");
    }

    @Test
    void expiredTokenThen401TokenExpired() throws Exception {
        assertRefused(send("GET", "docs", tokens.expired(API_ACCESS, "READ")), 401, ErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void tokenSignedByUnknownKeyThen401() throws Exception {
        assertRefused(send("GET", "docs", tokens.foreign(API_ACCESS, "READ")), 401, ErrorCode.KEY_UNKNOWN);
    }

    @Test
    void twoAuthorizationHeadersThen400InvalidRequest() throws Exception {
        String t = tokens.issue(API_ACCESS, "READ");
        HttpRequest request = HttpRequest.newBuilder(base.resolve("docs")).GET()
                .header("Authorization", "Bearer " + t).header("Authorization", "Bearer " + t).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertRefused(r, 400, ErrorCode.INVALID_REQUEST);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_request\"");
    }

    @Test
    void tokenInQueryParameterIsNotAcceptedByDefault() throws Exception {
        HttpResponse<String> r = send("GET", "docs?access_token=" + tokens.issue(API_ACCESS, "READ"), null);
        assertRefused(r, 401, ErrorCode.TOKEN_MISSING);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(BARE);
    }

    @Test
    void tokenOfAnotherTypeThen401TokenTypeMismatchNot403() throws Exception {
        assertRefused(send("GET", "docs", tokens.bound(DOCUMENT_ACCESS, "doc-1", "READ")), 401, ErrorCode.TOKEN_TYPE_MISMATCH);
    }

    @Test
    void headRequestOnAProtectedGetIsProtectedToo() throws Exception {
        HttpResponse<String> r = send("HEAD", "docs", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(BARE);
        assertThat(send("HEAD", "docs", tokens.issue(API_ACCESS, "other")).statusCode()).isEqualTo(403);
        assertThat(send("HEAD", "docs", tokens.issue(API_ACCESS, "READ")).statusCode()).isEqualTo(200);
    }

    // ---- @RequiresScopes, @TokenTypes: 403 insufficient_scope with scope="…" ----

    @Test
    void tokenWithClassScopeThen200() throws Exception {
        HttpResponse<String> r = send("GET", "docs", tokens.issue(API_ACCESS, "READ"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("list");
    }

    @Test
    void tokenWithoutScopeThen403InsufficientScopeNamingTheScope() throws Exception {
        HttpResponse<String> r = send("GET", "docs", tokens.issue(API_ACCESS, "other"));
        assertRefused(r, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(BARE + ", error=\"insufficient_scope\", error_description=\""
                + ErrorCode.INSUFFICIENT_SCOPE.description() + "\", scope=\"READ\"");
        assertThat(r.body()).isEqualTo(ErrorResponses.problemJson(ErrorCode.INSUFFICIENT_SCOPE));
    }

    @Test
    void scopeHierarchyLetsAdminThroughWhereReadIsRequired() throws Exception {
        assertThat(send("GET", "docs", tokens.issue(API_ACCESS, "ADMIN")).statusCode()).isEqualTo(200);
    }

    @Test
    void methodScopesReplaceClassScopes() throws Exception {
        assertThat(send("POST", "docs", tokens.issue(API_ACCESS, "documents:write")).body()).isEqualTo("created");
        HttpResponse<String> readOnly = send("POST", "docs", tokens.issue(API_ACCESS, "READ"));
        assertRefused(readOnly, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(readOnly)).endsWith("scope=\"documents:write\"");
    }

    @Test
    void anyOfScopesAcceptsEitherScope() throws Exception {
        assertThat(send("GET", "docs/search", tokens.issue(API_ACCESS, "search")).statusCode()).isEqualTo(200);
        assertThat(send("GET", "docs/search", tokens.issue(API_ACCESS, "ADMIN")).statusCode()).isEqualTo(200);
        HttpResponse<String> neither = send("GET", "docs/search", tokens.issue(API_ACCESS, "READ"));
        assertRefused(neither, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(neither)).endsWith("scope=\"search WRITE\"");
    }

    @Test
    void methodTokenTypesReplaceClassTypesWhileClassScopesStillApply() throws Exception {
        assertThat(send("GET", "docs/system", tokens.issue(SYSTEM_OPERATION, "READ")).body()).isEqualTo("system");
        assertRefused(send("GET", "docs/system", tokens.issue(API_ACCESS, "ADMIN")), 401, ErrorCode.TOKEN_TYPE_MISMATCH);
        HttpResponse<String> noScope = send("GET", "docs/system", tokens.issue(SYSTEM_OPERATION, "other"));
        assertRefused(noScope, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(noScope)).endsWith("scope=\"READ\"");
    }

    // ---- @BoundTo ----

    @Test
    void boundToWithTypesAcceptsATokenBoundToThePathParameter() throws Exception {
        HttpResponse<String> r = send("GET", "docs/doc-1", tokens.bound(DOCUMENT_ACCESS, "doc-1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("document doc-1");
    }

    @Test
    void boundToWithTypesRefusesATokenBoundToAnotherResourceWith403ResourceMismatch() throws Exception {
        HttpResponse<String> r = send("GET", "docs/doc-2", tokens.bound(DOCUMENT_ACCESS, "doc-1"));
        assertRefused(r, 403, ErrorCode.RESOURCE_MISMATCH);
        assertThat(challenge(r)).contains("error=\"insufficient_scope\"");
    }

    @Test
    void boundToWithTypesStillLetsTheOtherTypesInWithTheirScopes() throws Exception {
        assertThat(send("GET", "docs/doc-2", tokens.issue(API_ACCESS, "READ")).statusCode()).isEqualTo(200);
        HttpResponse<String> noScope = send("GET", "docs/doc-2", tokens.issue(API_ACCESS, "other"));
        assertRefused(noScope, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(noScope)).endsWith("scope=\"READ\"");
    }

    @Test
    void boundToWithoutTypesRequiresBothTheBindingAndTheScopes() throws Exception {
        assertThat(send("PUT", "docs/doc-1", tokens.bound(API_ACCESS, "doc-1", "WRITE")).body()).isEqualTo("updated doc-1");
        assertRefused(send("PUT", "docs/doc-1", tokens.issue(API_ACCESS, "ADMIN")), 403, ErrorCode.RESOURCE_MISMATCH);
        HttpResponse<String> boundReader = send("PUT", "docs/doc-1", tokens.bound(API_ACCESS, "doc-1", "READ"));
        assertRefused(boundReader, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(boundReader)).endsWith("scope=\"WRITE\"");
    }

    // ---- @PublicEndpoint and the unannotated-method default ----

    @Test
    void publicEndpointNeedsNoTokenAndIgnoresABadOne() throws Exception {
        assertThat(send("GET", "docs/public", null).body()).isEqualTo("public");
        assertThat(send("GET", "docs/public", "not-a-token").body()).isEqualTo("public");
        assertThat(send("GET", "mixed/open", null).body()).isEqualTo("open");
    }

    @Test
    void unannotatedMethodInAnnotatedClassIsDenied() throws Exception {
        assertRefused(send("GET", "mixed/plain", null), 401, ErrorCode.TOKEN_MISSING);
        HttpResponse<String> admin = send("GET", "mixed/plain", tokens.issue(API_ACCESS, "ADMIN"));
        assertRefused(admin, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(admin)).doesNotContain("scope=\"");
        assertThat(send("GET", "mixed/annotated", tokens.issue(API_ACCESS, "READ")).body()).isEqualTo("annotated");
    }

    @Test
    void classWithoutAnyAnnotationIsLeftAlone() throws Exception {
        HttpResponse<String> r = send("GET", "plain", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("anonymous");
    }

    // ---- @RolesAllowed, @PermitAll, @DenyAll ----

    @Test
    void rolesAllowedChecksScopesThroughTheSecurityContextWithHierarchy() throws Exception {
        assertThat(send("GET", "roles", tokens.issue(API_ACCESS, "WRITE")).body()).isEqualTo("writers");
        assertThat(send("GET", "roles", tokens.issue(SYSTEM_OPERATION, "ADMIN")).body()).isEqualTo("writers");
        HttpResponse<String> reader = send("GET", "roles", tokens.issue(API_ACCESS, "READ"));
        assertRefused(reader, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(reader)).endsWith("scope=\"WRITE\"");
        assertRefused(send("GET", "roles", null), 401, ErrorCode.TOKEN_MISSING);
    }

    @Test
    void methodRolesAllowedReplacesClassRolesAllowed() throws Exception {
        assertThat(send("GET", "roles/either", tokens.issue(API_ACCESS, "reports")).body()).isEqualTo("either");
        HttpResponse<String> writer = send("GET", "roles/either", tokens.issue(API_ACCESS, "WRITE"));
        assertRefused(writer, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(writer)).endsWith("scope=\"reports ADMIN\"");
    }

    @Test
    void permitAllLetsAnyValidTokenInButNotAnonymousCallers() throws Exception {
        assertThat(send("GET", "roles/permit", tokens.issue(DOCUMENT_ACCESS)).body()).isEqualTo("permit");
        assertRefused(send("GET", "roles/permit", null), 401, ErrorCode.TOKEN_MISSING);
    }

    @Test
    void denyAllRefusesEvenAdminWith403AndAnonymousWith401() throws Exception {
        assertRefused(send("GET", "roles/deny", tokens.issue(SYSTEM_OPERATION, "ADMIN")), 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertRefused(send("GET", "roles/deny", null), 401, ErrorCode.TOKEN_MISSING);
    }

    // ---- what the resource sees ----

    @Test
    void securityContextCarriesSubjectScopesAndBearerScheme() throws Exception {
        String jwt = tokens.issue(API_ACCESS, "READ");
        String jti = tokens.validator().validate(jwt).id();
        HttpResponse<String> r = send("GET", "me", jwt);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("user-api_access|API_ACCESS|" + jti + "|Bearer|false|true|false");
    }

    @Test
    void validatedTokenIsAvailableAsRequestPropertyToLaterFilters() throws Exception {
        HttpResponse<String> r = send("GET", "me", tokens.issue(SYSTEM_OPERATION, "ADMIN"));
        assertThat(r.headers().firstValue("X-Token-Subject")).hasValue("user-system_operation");
        assertThat(send("GET", "plain", null).headers().firstValue("X-Token-Subject")).isEmpty();
    }

    @Test
    void tokenValidatedByAServletFilterInFrontIsReusedNotValidatedAgain() throws Exception {
        String jwt = tokens.issue(API_ACCESS, "READ");
        int before = counting.calls();
        HttpResponse<String> reused = http.send(HttpRequest.newBuilder(base.resolve("me")).GET()
                .header("Authorization", "Bearer " + jwt).header(PreValidatingServletFilter.TRIGGER, "1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(reused.body()).startsWith("user-api_access|API_ACCESS|");
        assertThat(counting.calls()).isEqualTo(before);
        assertThat(send("GET", "me", jwt).statusCode()).isEqualTo(200);
        assertThat(counting.calls()).isEqualTo(before + 1);
    }

    // ---- the exception mapper ----

    @Test
    void exceptionMapperAnswersTokenMissingWith401Challenge() throws Exception {
        HttpResponse<String> r = send("GET", "plain/require", null);
        assertRefused(r, 401, ErrorCode.TOKEN_MISSING);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(BARE);
    }

    @Test
    void exceptionMapperAnswersUnavailableWith503AndRetryAfter() throws Exception {
        HttpResponse<String> r = send("GET", "plain/unavailable", null);
        assertRefused(r, 503, ErrorCode.KEYS_UNAVAILABLE);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void exceptionMapperAnswersInsufficientScopeWith403AndScopeAttribute() throws Exception {
        HttpResponse<String> r = send("GET", "plain/scope", null);
        assertRefused(r, 403, ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(challenge(r)).endsWith("scope=\"reports\"");
    }

    // ---- helpers ----

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String challenge(HttpResponse<String> r) {
        return r.headers().firstValue("WWW-Authenticate").orElseThrow(() -> new AssertionError("no WWW-Authenticate"));
    }

    private static void assertRefused(HttpResponse<String> r, int status, ErrorCode code) {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).isEqualTo(ErrorResponses.problemJson(code));
        assertThat(r.body()).contains("\"code\":\"" + code.name() + "\"");
    }
}
