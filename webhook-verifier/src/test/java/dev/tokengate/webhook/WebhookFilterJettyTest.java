package dev.tokengate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The servlet filter in a real Jetty 12 (ee10) over real HTTP. */
class WebhookFilterJettyTest {

    private static final String SECRET = WebhookSecrets.generate();
    private static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static Server server;
    private static URI base;

    /** Echoes what it received, reading the body twice to prove it can be re-read. */
    public static final class EchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            CALLS.incrementAndGet();
            byte[] first;
            try (InputStream in = req.getInputStream()) {
                first = in.readAllBytes();
            }
            byte[] second = req.getInputStream().readAllBytes();
            WebhookDelivery d = (WebhookDelivery) req.getAttribute(WebhookDelivery.ATTRIBUTE);
            String sha;
            try {
                sha = Codec.hex(MessageDigest.getInstance("SHA-256").digest(first));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            resp.setContentType("text/plain");
            resp.getWriter().print("scheme=" + d.scheme() + ";id=" + d.messageId() + ";bytes=" + first.length
                    + ";reread=" + Arrays.equals(first, second) + ";sha=" + sha + ";command=" + req.getParameter("command"));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        WebhookVerifier standard = WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).maxBodySize(1024).build();
        ctx.addFilter(new FilterHolder(new WebhookFilter(standard)), "/webhooks/standard", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder slack = new FilterHolder(WebhookFilter.class);
        slack.setInitParameter(WebhookFilter.PARAM_SCHEME, "SLACK");
        slack.setInitParameter(WebhookFilter.PARAM_SECRET, SLACK_SECRET);
        slack.setInitParameter(WebhookFilter.PARAM_TOLERANCE_SECONDS, "300");
        ctx.addFilter(slack, "/webhooks/slack", EnumSet.of(DispatcherType.REQUEST));
        ctx.addServlet(new ServletHolder(new EchoServlet()), "/webhooks/*");
        server.setHandler(ctx);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static Map<String, String> sign(String id, byte[] body) {
        return WebhookSigner.builder().secret(SECRET).build().sign(id, body);
    }

    @Test
    void postWhenSignedThenServletSeesTheExactBytesTwiceAndTheDelivery() throws Exception {
        byte[] body = new byte[700];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31); // not valid UTF-8: only raw bytes verify
        }
        HttpResponse<String> r = Http.post(base.resolve("standard"), sign("msg_jetty_1", body), body, "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("scheme=STANDARD;id=msg_jetty_1;bytes=700;reread=true;sha="
                + Codec.hex(MessageDigest.getInstance("SHA-256").digest(body)) + ";command=null");
    }

    @Test
    void postWhenSignatureInvalidThen401ProblemJsonAndServletNotCalled() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = sign("msg_jetty_2", "{\"a\":2}".getBytes(StandardCharsets.UTF_8));
        int before = CALLS.get();
        HttpResponse<String> r = Http.post(base.resolve("standard"), h, body, "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"code\":\"WEBHOOK_SIGNATURE_INVALID\"", "\"status\":401", "\"type\":", "\"title\":", "\"detail\":")
                .doesNotContain(SECRET.substring(6)).doesNotContain(h.get("webhook-signature"));
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void postWhenReplayedThen409() throws Exception {
        byte[] body = "{\"replay\":true}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = sign("msg_jetty_3", body);
        assertThat(Http.post(base.resolve("standard"), h, body, "application/json").statusCode()).isEqualTo(200);
        HttpResponse<String> again = Http.post(base.resolve("standard"), h, body, "application/json");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("WEBHOOK_REPLAYED");
    }

    @Test
    void postWhenHeaderMissingThen400() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new java.util.HashMap<>(sign("msg_jetty_4", body));
        h.remove("webhook-timestamp");
        HttpResponse<String> r = Http.post(base.resolve("standard"), h, body, "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("WEBHOOK_MALFORMED");
    }

    @Test
    void postWhenBodyOverLimitThen413WithOrWithoutContentLength() throws Exception {
        byte[] body = new byte[4096];
        Map<String, String> h = sign("msg_jetty_5", body);
        HttpResponse<String> declared = Http.post(base.resolve("standard"), h, body, "application/json");
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("WEBHOOK_TOO_LARGE");
        HttpResponse<String> chunked = Http.postChunked(base.resolve("standard"), sign("msg_jetty_6", body), body);
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void postWhenSlackFormThenVerifiedAndParametersReadableDownstream() throws Exception {
        byte[] body = "token=xyz&command=%2Fwebhook-collect&text=caf%C3%A9".getBytes(StandardCharsets.US_ASCII);
        Map<String, String> h = WebhookSigner.builder().scheme(WebhookScheme.SLACK).secret(SLACK_SECRET).build()
                .sign("unused", Instant.now(), body);
        HttpResponse<String> r = Http.post(base.resolve("slack"), h, body, "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("scheme=SLACK;id=null;bytes=" + body.length).endsWith(";command=/webhook-collect");
        Map<String, String> tampered = WebhookSigner.builder().scheme(WebhookScheme.SLACK).secret("another-secret-0123456789abcdef").build()
                .sign("unused", Instant.now(), body);
        assertThat(Http.post(base.resolve("slack"), tampered, body, "application/x-www-form-urlencoded").statusCode()).isEqualTo(401);
    }
}
