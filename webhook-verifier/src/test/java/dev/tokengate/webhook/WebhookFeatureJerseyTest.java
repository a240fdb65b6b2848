package dev.tokengate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JAX-RS feature in Jersey 3.1 on the JDK HTTP server, over real HTTP. */
class WebhookFeatureJerseyTest {

    private static final String SECRET = WebhookSecrets.generate();
    private static final String STRIPE_SECRET = "whsec_stripe_test_0123456789abcdef";
    private static HttpServer server;
    private static URI base;

    /** Webhook endpoints. */
    @Path("hooks")
    public static class Hooks {
        @POST
        @Path("standard")
        @VerifiedWebhook("standard")
        public String standard(byte[] body, @Context ContainerRequestContext ctx) {
            WebhookDelivery d = (WebhookDelivery) ctx.getProperty(WebhookDelivery.ATTRIBUTE);
            return "scheme=" + d.scheme() + ";id=" + d.messageId() + ";body=" + new String(body, StandardCharsets.UTF_8);
        }

        @POST
        @Path("open")
        public String open(byte[] body) {
            return "open:" + body.length;
        }
    }

    /** A class-level annotation covers every method. */
    @Path("stripe")
    @VerifiedWebhook("stripe")
    public static class StripeHooks {
        @POST
        public String receive(String body) {
            return "stripe:" + body;
        }
    }

    @BeforeAll
    static void start() {
        WebhookFeature feature = WebhookFeature.builder()
                .verifier("standard", WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).maxBodySize(512).build())
                .verifier("stripe", WebhookVerifier.builder().scheme(WebhookScheme.STRIPE).secret(STRIPE_SECRET).build())
                .build();
        ResourceConfig app = new ResourceConfig(Hooks.class, StripeHooks.class).register(feature);
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void postWhenSignedThenResourceReadsBodyAndDelivery() throws Exception {
        byte[] body = "{\"event\": \"ok\"}\n".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = WebhookSigner.builder().secret(SECRET).build().sign("msg_jersey_1", body);
        HttpResponse<String> r = Http.post(base.resolve("hooks/standard"), h, body, "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("scheme=STANDARD;id=msg_jersey_1;body={\"event\": \"ok\"}\n");
        HttpResponse<String> replay = Http.post(base.resolve("hooks/standard"), h, body, "application/json");
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("\"code\":\"WEBHOOK_REPLAYED\"");
    }

    @Test
    void postWhenSignatureInvalidThen401ProblemJson() throws Exception {
        byte[] body = "{\"event\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = WebhookSigner.builder().secret(WebhookSecrets.generate()).build().sign("msg_jersey_2", body);
        HttpResponse<String> r = Http.post(base.resolve("hooks/standard"), h, body, "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"code\":\"WEBHOOK_SIGNATURE_INVALID\"", "\"status\":401").doesNotContain(SECRET.substring(6));
    }

    @Test
    void postWhenBodyOverLimitThen413() throws Exception {
        byte[] body = new byte[2048];
        Map<String, String> h = WebhookSigner.builder().secret(SECRET).build().sign("msg_jersey_3", body);
        HttpResponse<String> r = Http.post(base.resolve("hooks/standard"), h, body, "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("WEBHOOK_TOO_LARGE");
    }

    @Test
    void postWhenMethodNotAnnotatedThenNotVerified() throws Exception {
        HttpResponse<String> r = Http.post(base.resolve("hooks/open"), Map.of(), new byte[3], "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("open:3");
    }

    @Test
    void postWhenClassAnnotatedThenStripeVerifierApplies() throws Exception {
        byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = WebhookSigner.builder().scheme(WebhookScheme.STRIPE).secret(STRIPE_SECRET).build()
                .sign("unused", Instant.now(), body);
        HttpResponse<String> r = Http.post(base.resolve("stripe"), h, body, "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("stripe:{\"id\":\"evt_1\"}");
        HttpResponse<String> missing = Http.post(base.resolve("stripe"), Map.of(), body, "application/json");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("WEBHOOK_MALFORMED");
    }

    /** An endpoint naming a verifier nobody registered. */
    public static class Misnamed {
        @VerifiedWebhook("nobody")
        public void receive() {
        }
    }

    @Test
    void configureWhenAnnotationNamesUnknownVerifierThenStartupFails() throws Exception {
        WebhookFeature feature = WebhookFeature.builder()
                .verifier("standard", WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).build()).build();
        ResourceInfo info = mock(ResourceInfo.class);
        when(info.getResourceMethod()).thenReturn(Misnamed.class.getMethod("receive"));
        FeatureContext ctx = mock(FeatureContext.class);
        assertThatThrownBy(() -> feature.configure(info, ctx)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nobody").hasMessageContaining("standard");
        verifyNoInteractions(ctx);
    }
}
