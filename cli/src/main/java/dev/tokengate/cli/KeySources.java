package dev.tokengate.cli;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tokengate.core.KeyRing;
import dev.tokengate.core.KeySource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;

/** Opens the key source a command names: a JWK set file, or a JWK set URL fetched once. */
final class KeySources {

    private KeySources() {
    }

    static KeySource open(Path file, String url) throws IOException, InterruptedException {
        if (file != null) {
            return KeyRing.load(file);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        try {
            return KeyRing.builder().add(JWKSet.parse(response.body())).build();
        } catch (ParseException e) {
            throw new IOException(url + " did not return a JWK set: " + e.getMessage(), e);
        }
    }
}
