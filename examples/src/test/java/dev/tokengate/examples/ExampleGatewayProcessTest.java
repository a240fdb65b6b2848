package dev.tokengate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.cli.TokengateCli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ExampleGateway.main} in a process of its own, configured only through
 * {@code TOKENGATE_*} environment variables, the way an operator runs it.
 */
class ExampleGatewayProcessTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mainWhenConfiguredByEnvironmentThenServesAndAcceptsCliTokens() throws Exception {
        Path keys = dir.resolve("keys.json");
        assertThat(TokengateCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "keys", "generate", "--out", keys.toString())).isZero();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExampleGateway.class.getName());
        pb.environment().put("TOKENGATE_PORT", "0");
        pb.environment().put("TOKENGATE_KEYS", keys.toString());
        pb.environment().put("TOKENGATE_AUDIENCE", "env-audience");
        pb.environment().put("TOKENGATE_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        try {
            List<String> lines = new ArrayList<>();
            CompletableFuture<String> admin = new CompletableFuture<>();
            CompletableFuture<String> base = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    Pattern on = Pattern.compile("tokengate example gateway on (http://localhost:\\d+)");
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        Matcher m = on.matcher(line);
                        if (m.find()) {
                            base.complete(m.group(1));
                        }
                        if (line.startsWith("  export ADMIN=")) {
                            admin.complete(line.substring("  export ADMIN=".length()));
                        }
                    }
                } catch (java.io.IOException e) {
                    base.completeExceptionally(e);
                }
                base.completeExceptionally(new IllegalStateException("the gateway exited: " + lines));
            });
            reader.setDaemon(true);
            reader.start();

            String url = base.get(45, TimeUnit.SECONDS);
            String adminToken = admin.get(5, TimeUnit.SECONDS);
            synchronized (lines) {
                assertThat(lines).contains("  audience  env-audience", "  webhooks  /webhooks/standard secret …LaSw (configured)");
            }
            StringWriter out = new StringWriter();
            assertThat(TokengateCli.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "token", "issue", "--keys",
                    keys.toString(), "--type", "API_ACCESS", "--scope", "READ", "--issuer", url, "--audience", "env-audience")).isZero();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(url + "/api/documents"))
                    .header("Authorization", "Bearer " + out.toString().trim()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(docs.statusCode()).isEqualTo(200);
            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(url + "/api/admin/stats"))
                    .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
