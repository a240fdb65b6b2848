package dev.tokengate.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter's behaviour over real HTTP, run against each container by a subclass: the rule
 * table, every response, the bypass paths, the two-token cases, async, forward, include and
 * error dispatches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainerContractTest {

    static final TestTokens T = new TestTokens();
    static final Map<Integer, String> ERROR_PAGES = Map.of(418, "/admin/teapot");

    final TestServlets app = new TestServlets();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    int port;

    /** Starts the container on a free port with the filter on "/*" for every dispatcher type; returns the port. */
    abstract int start(TokenGateFilter filter, Map<String, HttpServlet> servlets, Map<Integer, String> errorPages) throws Exception;

    abstract void stop() throws Exception;

    @BeforeAll
    void startContainer() throws Exception {
        TokenGateFilter filter = TokenGateFilter.builder().validator(T.validator).rules(TestTokens.RULES).build();
        port = start(filter, app.mappings(), ERROR_PAGES);
    }

    @AfterAll
    void stopContainer() throws Exception {
        stop();
    }

    HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return token == null ? send("GET", path) : send("GET", path, "Authorization", "Bearer " + token);
    }

    /** A raw HTTP/1.1 exchange, for request lines an HTTP client would normalize. */
    record Raw(int status, String head, String body) {
    }

    Raw raw(String requestTarget, String... headerLines) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (String h : headerLines) {
                req.write((h + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            req.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            out.write(req.toByteArray());
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            String head = end < 0 ? response : response.substring(0, end);
            String body = end < 0 ? "" : response.substring(end + 4);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    static String token(String name) {
        return switch (name) {
            case "none" -> null;
            case "apiRead" -> T.apiRead;
            case "apiWrite" -> T.apiWrite;
            case "apiNoScope" -> T.apiNoScope;
            case "sysAdmin" -> T.sysAdmin;
            case "sysRead" -> T.sysRead;
            case "docOne" -> T.docOne;
            case "expired" -> T.expired;
            case "tampered" -> T.tampered;
            case "foreignKey" -> T.foreignKey;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} {1} with {2} -> {3}")
    @CsvSource({
        "GET,/api/documents,apiRead,200", "GET,/api/documents,apiWrite,200", "GET,/api/documents,none,401",
        "GET,/api/documents,apiNoScope,403", "GET,/api/documents,sysAdmin,401", "GET,/api/documents,expired,401",
        "GET,/api/documents,tampered,401", "GET,/api/documents,foreignKey,401",
        "HEAD,/api/documents,none,401", "HEAD,/api/documents,apiRead,200",
        "POST,/api/documents,apiWrite,200", "POST,/api/documents,apiRead,403", "PUT,/api/documents,apiWrite,403",
        "GET,/api/documents/doc-1,docOne,200", "GET,/api/documents/doc-2,docOne,403", "GET,/api/documents/doc-2,apiRead,200",
        "DELETE,/api/documents/doc-1,apiWrite,403",
        "GET,/api/any-of,apiWrite,200", "GET,/api/any-of,apiRead,403",
        "GET,/api/admin/users,sysAdmin,200", "GET,/api/admin/users,sysRead,403", "GET,/api/admin/users,apiRead,401",
        "GET,/api/admin/users,none,401", "GET,/api/admin,sysAdmin,200",
        "GET,/api/other,apiRead,403", "GET,/api/other,none,401",
        "GET,/public/documents,none,200", "GET,/public/documents,apiRead,200", "GET,/public/documents,expired,401",
        "GET,/elsewhere,none,401", "GET,/elsewhere,apiRead,403", "GET,/,none,401",
    })
    void ruleTable(String method, String path, String tokenName, int status) throws Exception {
        String token = token(tokenName);
        HttpResponse<String> r = token == null ? send(method, path) : send(method, path, "Authorization", "Bearer " + token);
        assertThat(r.statusCode()).isEqualTo(status);
        if (status != 200 && !method.equals("HEAD")) {
            assertThat(r.headers().firstValue("Content-Type")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("application/problem+json");
            assertThat(r.body()).contains("\"status\":" + status);
        }
        if (token != null) {
            assertThat(r.body()).doesNotContain(token);
            assertThat(r.headers().map().toString()).doesNotContain(token);
        }
    }

    @Test
    void applicationSeesSubjectRolesAuthTypeAndTokenAttribute() throws Exception {
        HttpResponse<String> r = get("/api/documents", T.apiRead);
        assertThat(r.body()).isEqualTo("echo GET user=reader authType=Bearer READ=true WRITE=false token=API_ACCESS");
        assertThat(get("/api/documents", T.apiWrite).body()).contains("user=writer").contains("READ=true WRITE=true");
        assertThat(get("/public/documents", null).body()).isEqualTo("public user=anonymous authType=null READ=false WRITE=false token=none");
        assertThat(get("/public/documents", T.apiRead).body()).contains("user=reader");
    }

    @Test
    void missingTokenThen401BareChallenge() throws Exception {
        HttpResponse<String> r = get("/api/documents", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"tokengate\"");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.body()).isEqualTo(dev.tokengate.core.http.ErrorResponses.problemJson(dev.tokengate.core.ErrorCode.TOKEN_MISSING));
    }

    @Test
    void badTokenThen401InvalidToken() throws Exception {
        HttpResponse<String> r = get("/api/documents", T.expired);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(
                "Bearer realm=\"tokengate\", error=\"invalid_token\", error_description=\"The access token has expired.\"");
        assertThat(r.body()).contains("\"code\":\"TOKEN_EXPIRED\"");
    }

    @Test
    void missingScopeThen403WithTheScopeNeeded() throws Exception {
        HttpResponse<String> r = send("POST", "/api/documents", "Authorization", "Bearer " + T.apiRead);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"tokengate\", error=\"insufficient_scope\", "
                + "error_description=\"The access token lacks a required scope.\", scope=\"WRITE\"");
        assertThat(r.body()).contains("\"code\":\"INSUFFICIENT_SCOPE\"");
        HttpResponse<String> bound = get("/api/documents/doc-2", T.docOne);
        assertThat(bound.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"tokengate\", "
                + "error=\"insufficient_scope\", error_description=\"The access token does not grant access to this resource.\"");
        assertThat(bound.body()).contains("\"code\":\"RESOURCE_MISMATCH\"");
    }

    @ParameterizedTest
    @CsvSource({TestTokens.KEYS_DOWN + ",KEYS_UNAVAILABLE", TestTokens.STORE_DOWN + ",STORE_UNAVAILABLE"})
    void unavailableThen503WithRetryAfter(String token, String code) throws Exception {
        HttpResponse<String> r = get("/api/documents", token);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(r.body()).contains("\"code\":\"" + code + "\"");
    }

    @Test
    void twoTokensThen400InvalidRequest() throws Exception {
        HttpResponse<String> twoHeaders = send("GET", "/api/documents", "Authorization", "Bearer " + T.apiRead,
                "Authorization", "Bearer " + T.apiWrite);
        assertThat(twoHeaders.statusCode()).isEqualTo(400);
        assertThat(twoHeaders.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_request\"");
        assertThat(twoHeaders.body()).contains("\"code\":\"INVALID_REQUEST\"").doesNotContain(T.apiRead);
        HttpResponse<String> headerAndQuery = send("GET", "/api/documents?access_token=" + T.apiWrite,
                "Authorization", "Bearer " + T.apiRead);
        assertThat(headerAndQuery.statusCode()).isEqualTo(400);
        assertThat(get("/api/documents?access_token=" + T.apiRead, null).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Beaver x", "fooBearer x", "BearerX"})
    void otherSchemesThen401Bare(String header) throws Exception {
        HttpResponse<String> r = send("GET", "/api/documents", "Authorization", header);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"tokengate\"");
    }

    @Test
    void schemeCaseInsensitive() throws Exception {
        assertThat(send("GET", "/api/documents", "Authorization", "bearer " + T.apiRead).statusCode()).isEqualTo(200);
    }

    @Test
    void nonAsciiInAuthorizationHeaderThen400() throws Exception {
        Raw r = raw("/api/documents", "Authorization: Bearer caf\u00e9");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContain(TestServlets.SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/", "/admin;jsessionid=x", "/admin;/", "/public/..;/admin", "/public/%2e%2e/admin",
        "/./admin", "//admin", "/admin%2Fusers", "/admin%5cusers", "/admin%0a", "/ADMIN", "/Admin/users",
        "/public/%2E%2E/admin/users", "/public/..%2fadmin", "/public/%2e%2e%2fadmin", "/admin%00", "/admin/..;/admin",
        "/public/..;jsessionid=x/admin", "/admin%252e"})
    void bypassPathsNeverReachTheProtectedResourceWithoutToken(String path) throws Exception {
        int before = app.secretHits.get();
        Raw r = raw(path);
        assertThat(r.status()).as(r.head()).isIn(400, 401, 404);
        assertThat(r.body()).doesNotContain(TestServlets.SECRET);
        assertThat(app.secretHits.get()).isEqualTo(before);
    }

    @Test
    void canonicalAdminPathWithTokenReachesTheResource() throws Exception {
        Raw r = raw("/admin/", "Authorization: Bearer " + T.sysAdmin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(TestServlets.SECRET + " user=operator");
        assertThat(raw("/admin;jsessionid=x", "Authorization: Bearer " + T.sysAdmin).body()).contains(TestServlets.SECRET);
    }

    @Test
    void asyncServletSeesThePrincipalInTheWorkerAndTheAsyncDispatch() throws Exception {
        HttpResponse<String> r = get("/api/async", T.apiRead);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("async user=reader authType=Bearer READ=true WRITE=false token=API_ACCESS"
                + " worker-saw=user=reader authType=Bearer READ=true WRITE=false token=API_ACCESS");
        assertThat(get("/api/async", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/async", T.apiNoScope).statusCode()).isEqualTo(403);
    }

    @Test
    void asyncDispatchToProtectedPathStaysProtected() throws Exception {
        int before = app.secretHits.get();
        HttpResponse<String> r = get("/public/async", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(TestServlets.SECRET);
        assertThat(app.secretHits.get()).isEqualTo(before);
        HttpResponse<String> ok = get("/public/async", T.sysAdmin);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith(TestServlets.SECRET + " user=operator");
    }

    @Test
    void forwardToProtectedPathStaysProtected() throws Exception {
        int before = app.secretHits.get();
        HttpResponse<String> r = get("/public/forward", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(TestServlets.SECRET);
        assertThat(app.secretHits.get()).isEqualTo(before);
        assertThat(get("/public/forward", T.sysAdmin).body()).startsWith(TestServlets.SECRET);
        assertThat(get("/public/forward", T.apiRead).statusCode()).isEqualTo(401);
    }

    @Test
    void includeOfProtectedPathIsLeftOut() throws Exception {
        int before = app.secretHits.get();
        HttpResponse<String> r = get("/public/include", null);
        assertThat(r.body()).isEqualTo("before||after");
        assertThat(app.secretHits.get()).isEqualTo(before);
        assertThat(get("/public/include", T.sysAdmin).body()).contains(TestServlets.SECRET);
    }

    @Test
    void errorPageOnProtectedPathStaysProtected() throws Exception {
        int before = app.secretHits.get();
        HttpResponse<String> r = get("/public/fail", null);
        assertThat(r.statusCode()).isNotEqualTo(200);
        assertThat(r.body()).doesNotContain(TestServlets.SECRET);
        assertThat(app.secretHits.get()).isEqualTo(before);
        HttpResponse<String> admin = get("/public/fail", T.sysAdmin);
        assertThat(admin.body()).contains(TestServlets.SECRET + " user=operator");
    }

    @Test
    void nothingLeaksFromOneRequestToTheNextOnTheSameConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/public/documents", T.sysAdmin).body()).contains("user=operator");
            assertThat(get("/public/documents", null).body()).contains("user=anonymous").contains("token=none");
            assertThat(get("/api/admin/x", null).statusCode()).isEqualTo(401);
            assertThat(get("/api/async", T.apiRead).statusCode()).isEqualTo(200);
            assertThat(get("/api/async", null).statusCode()).isEqualTo(401);
        }
    }
}
