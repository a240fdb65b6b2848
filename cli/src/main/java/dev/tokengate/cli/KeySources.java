package dev.tokengate.cli;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.KeyRing;
import dev.tokengate.core.KeySource;
import dev.tokengate.core.TokenException;
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

    /**
     * Opens the keys.
     *
     * @throws TokenException KEYS_UNAVAILABLE when the URL cannot be fetched or holds no JWK set
     */
    static KeySource open(Path file, String url) throws IOException {
        if (file != null) {
            return KeyRing.load(file);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--jwks-url '" + url + "' is not a URL");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, "GET " + url + " answered " + response.statusCode());
            }
            return KeyRing.builder().add(JWKSet.parse(response.body())).build();
        } catch (IOException e) {
            throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, "GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, "interrupted while fetching " + url, e);
        } catch (ParseException | IllegalArgumentException e) {
            throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, url + " did not return a usable JWK set: " + e.getMessage(), e);
        }
    }
}
