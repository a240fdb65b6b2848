package dev.tokengate.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter declared in a WEB-INF/web.xml with init-params, in a Jetty 12 web application under /app. */
class WebXmlJettyTest {

    static final TestTokens T = new TestTokens();

    @TempDir
    Path dir;
    Server server;
    int port;
    final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private void deploy(String webXml) throws Exception {
        Path webInf = Files.createDirectories(dir.resolve("webapp/WEB-INF"));
        Files.writeString(webInf.resolve("web.xml"), webXml);
        T.keys.save(webInf.resolve("keys.json"));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/app");
        webapp.setWar(dir.resolve("webapp").toString());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.setTempDirectory(Files.createDirectories(dir.resolve("work")).toFile());
        server.setHandler(webapp);
        server.start();
        port = connector.getLocalPort();
    }

    static String webXml() throws Exception {
        try (InputStream in = WebXmlJettyTest.class.getResourceAsStream("/webapp/WEB-INF/web.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void webXmlConfigurationEnforcesItsRulesUnderTheContextPath() throws Exception {
        deploy(webXml());
        assertThat(get("/app/api/documents", T.apiRead).body())
                .isEqualTo("served /api/documents user=reader authType=Bearer READ=true WRITE=false token=API_ACCESS");
        assertThat(get("/app/api/documents/doc-1", T.docOne).statusCode()).isEqualTo(200);
        assertThat(get("/app/api/documents/doc-2", T.docOne).statusCode()).isEqualTo(403);
        assertThat(get("/app/api/admin/x", T.sysAdmin).statusCode()).isEqualTo(200);
        assertThat(get("/app/public/x", null).body()).contains("user=anonymous");
        HttpResponse<String> missing = get("/app/api/documents", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"documents\"");
        assertThat(get("/app/other", T.apiRead).statusCode()).isEqualTo(403);
        assertThat(get("/app/api/documents", T.expired).statusCode()).isEqualTo(401);
    }

    @Test
    void webXmlWithUnknownInitParamFailsStartupNamingIt() throws Exception {
        String bad = webXml().replace("<param-name>realm</param-name>", "<param-name>relam</param-name>");
        assertThatThrownBy(() -> deploy(bad)).hasStackTraceContaining("unknown init-param(s) [relam]");
    }

    @Test
    void webXmlWithMalformedRuleFailsStartupNamingTheLine() throws Exception {
        String bad = webXml().replace("/api/admin/**            = SYSTEM_OPERATION ADMIN", "/api/admin/** = SYSTEM_OPERATON ADMIN");
        assertThatThrownBy(() -> deploy(bad)).hasStackTraceContaining("init-param rules").hasStackTraceContaining("SYSTEM_OPERATON");
    }
}
