package dev.tokengate.webhook;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A java.net.http client for the container tests. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    static HttpResponse<String> post(URI uri, Map<String, String> headers, byte[] body, String contentType) throws Exception {
        return send(uri, headers, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    /** Posts without a Content-Length (chunked). */
    static HttpResponse<String> postChunked(URI uri, Map<String, String> headers, byte[] body) throws Exception {
        return send(uri, headers, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "application/json");
    }

    private static HttpResponse<String> send(URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body,
            String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).POST(body)
                .header("Content-Type", contentType);
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
