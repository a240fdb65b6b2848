package dev.tokengate.examples;

import static dev.tokengate.examples.GatewayEndToEndTest.HTTP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokengate.cli.TokengateCli;
import dev.tokengate.redis.RedisServerProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways ({@code --redis}) behind an imaginary load balancer, on one real Redis: what one
 * instance revokes, rotates or receives, the other knows.
 */
class GatewayRedisTest {

    static final String ISSUER = "https://gateway.example.com";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    static Path dir;

    static RedisServerProcess redis;
    static Gateway a;
    static Gateway b;
    static Path keys;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        keys = dir.resolve("keys.json");
        cli("keys", "generate", "--out", keys.toString());
        String uri = "redis://127.0.0.1:" + redis.port();
        a = Gateway.start(new GatewayConfig(0, keys, ISSUER, null, uri, SECRET, null, null));
        b = Gateway.start(new GatewayConfig(0, keys, ISSUER, null, uri, SECRET, null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
        redis.close();
    }

    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(TokengateCli.execute(new PrintWriter(out), new PrintWriter(err), args)).as(err.toString()).isZero();
        return out.toString().trim();
    }

    static String token(String type, String scope) {
        return cli("token", "issue", "--keys", keys.toString(), "--type", type, "--scope", scope, "--issuer", ISSUER, "--ttl", "15m");
    }

    static HttpResponse<String> get(Gateway g, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(g.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(Gateway g, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(g.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(Gateway g, String path, String token, Map<String, String> fields) throws Exception {
        return post(g, path, token, "application/x-www-form-urlencoded", fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
    }

    @Test
    void revocationOnOneInstanceIsRefusedOnTheOtherWithinOneSecond() throws Exception {
        String t = token("API_ACCESS", "READ");
        assertThat(get(a, "/api/documents", t).statusCode()).isEqualTo(200);
        assertThat(get(b, "/api/documents", t).statusCode()).isEqualTo(200);   // now in B's cache and near-cache

        assertThat(form(a, "/oauth/revoke", a.adminToken(), Map.of("token", t)).statusCode()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        int status;
        do {
            status = get(b, "/api/documents", t).statusCode();
        } while (status == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(1).toNanos());
        assertThat(status).as("B must refuse within 1 s of the revocation on A").isEqualTo(401);
        assertThat(get(b, "/api/documents", t).body()).contains("TOKEN_REVOKED");
    }

    @Test
    void refreshTokenReuseIsDetectedWhicheverInstanceSeesIt() throws Exception {
        JsonNode pair = Json.MAPPER.readTree(post(a, "/tokens", a.adminToken(), "application/json",
                "{\"type\":\"API_ACCESS\",\"scope\":[\"READ\"],\"expiration\":\"15m\",\"subject\":\"carol\",\"refresh\":true}").body());
        String r1 = pair.path("refresh_token").asText();
        HttpResponse<String> onB = form(b, "/oauth/token", null, Map.of("grant_type", "refresh_token", "refresh_token", r1));
        assertThat(onB.statusCode()).isEqualTo(200);
        HttpResponse<String> reuseOnA = form(a, "/oauth/token", null, Map.of("grant_type", "refresh_token", "refresh_token", r1));
        assertThat(reuseOnA.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(reuseOnA.body()).path("code").asText()).isEqualTo("REFRESH_TOKEN_REUSED");
        String r2 = Json.MAPPER.readTree(onB.body()).path("refresh_token").asText();
        assertThat(form(b, "/oauth/token", null, Map.of("grant_type", "refresh_token", "refresh_token", r2)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aWebhookReplayedToTheOtherInstanceIsRefused() throws Exception {
        Path body = Files.createTempFile(dir, "hook", ".json");
        Files.writeString(body, "{\"type\":\"document.signed\"}");
        String headers = cli("webhook", "sign", "--scheme", "standard", "--secret", SECRET, "--body-file", body.toString());
        HttpRequest.Builder r = HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(body));
        for (String line : headers.split("\\R")) {
            r.header(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
        }
        assertThat(HTTP.send(r.copy().uri(URI.create(a.baseUrl() + "/webhooks/standard")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        HttpResponse<String> replay = HTTP.send(r.copy().uri(URI.create(b.baseUrl() + "/webhooks/standard")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(409);
    }

    @Test
    void redisDownMeans503NeverAcceptedAndRecoveryNeedsNoRestart() throws Exception {
        String revoked = token("API_ACCESS", "READ");
        String live = token("API_ACCESS", "READ");
        form(a, "/oauth/revoke", a.adminToken(), Map.of("token", revoked));
        redis.kill();
        try {
            HttpResponse<String> down = get(b, "/api/documents", live);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(get(b, "/api/documents", revoked).statusCode()).isIn(401, 503);
        } finally {
            redis.restart();
        }
        int status;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            status = get(b, "/api/documents", live).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
        assertThat(get(b, "/api/documents", revoked).statusCode()).isEqualTo(401);
        assertThat(get(a, "/api/documents", revoked).statusCode()).isEqualTo(401);
    }
}
