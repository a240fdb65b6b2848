package dev.tokengate.core;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeySource} reading a JWK set from a URL, for tokens issued elsewhere.
 *
 * <ul>
 * <li>The set is fetched on first use and cached; once it is {@code refreshInterval - refreshAhead}
 *     old, one request triggers a refresh in the background while the cached keys keep serving.</li>
 * <li>One fetch at a time: callers that need a fetch join the one in flight. No {@code synchronized}
 *     anywhere (fit for virtual threads).</li>
 * <li>An unknown {@code kid} triggers a fetch at most once per {@code cooldown} (so random
 *     {@code kid}s cannot hammer the server); known keys never wait.</li>
 * <li>When fetches fail, the last good set keeps serving until {@code refreshInterval + maxStale}
 *     after it was fetched; after that, with nothing usable left, lookups fail with
 *     {@link ErrorCode#KEYS_UNAVAILABLE} (and a new fetch is tried at most once per cooldown).</li>
 * <li>Keys must carry {@code kid} and {@code alg}; symmetric ({@code oct}) keys, encryption keys
 *     and weak keys are ignored. Only {@code https} URLs are accepted, or {@code http} on a loopback
 *     address; redirects are not followed; responses over {@code maxResponseSize} are refused.</li>
 * </ul>
 *
 * <pre>{@code
 * KeySource keys = RemoteJwkSet.builder(URI.create("https://auth.example.com/.well-known/jwks.json")).build();
 * TokenValidator v = TokenValidator.builder().keys(keys).issuer(...).audience(...).build();
 * }</pre>
 *
 * <p>Defaults: refresh interval 5 min, refresh ahead 1 min, max stale 1 h, cooldown 30 s, timeout
 * 5 s, max response 256 KiB, system UTC clock. Thread-safe.
 */
public final class RemoteJwkSet implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwkSet.class);

    private record Snapshot(Map<String, VerificationKey> keys, long fetchedAt) {
    }

    private record Fetch(long startedAt, CompletableFuture<Snapshot> result) {
    }

    private final URI uri;
    private final HttpClient client;
    private final Clock clock;
    private final long refreshMillis;
    private final long aheadMillis;
    private final long maxStaleMillis;
    private final long cooldownMillis;
    private final Duration timeout;
    private final int maxResponseSize;
    private final AtomicReference<Snapshot> state = new AtomicReference<>();
    private final AtomicReference<Fetch> lastFetch = new AtomicReference<>();

    private RemoteJwkSet(Builder b) {
        this.uri = b.uri;
        this.client = b.client != null ? b.client
                : HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.clock = b.clock;
        this.refreshMillis = b.refreshInterval.toMillis();
        this.aheadMillis = b.refreshAhead.toMillis();
        this.maxStaleMillis = b.maxStale.toMillis();
        this.cooldownMillis = b.cooldown.toMillis();
        this.timeout = b.timeout;
        this.maxResponseSize = b.maxResponseSize;
    }

    /**
     * A builder for the JWK set at {@code uri}.
     *
     * @param uri an {@code https} URL (or {@code http} on a loopback address)
     * @return the builder
     * @throws IllegalArgumentException for another scheme
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    @Override
    public VerificationKey find(String keyId) {
        long now = clock.millis();
        Snapshot s = state.get();
        if (s == null || now >= s.fetchedAt + refreshMillis + maxStaleMillis) {
            Snapshot fresh = await(fetch(now), s == null
                    ? "the JWK set at " + uri + " could not be fetched"
                    : "the JWK set at " + uri + " is older than its refresh interval plus max stale and cannot be refreshed");
            return fresh.keys.get(keyId);
        }
        if (now >= s.fetchedAt + refreshMillis - aheadMillis) {
            fetch(now);   // refresh ahead in the background; keep serving the cached keys
        }
        VerificationKey key = s.keys.get(keyId);
        if (key != null) {
            return key;
        }
        Fetch f = fetch(now);
        if (f == null) {
            return null;   // cooling down: an unknown kid does not fetch again yet
        }
        try {
            return f.result.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).keys.get(keyId);
        } catch (ExecutionException | TimeoutException e) {
            return null;   // the cached keys still serve; this kid is unknown to them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Snapshot await(Fetch f, String message) {
        if (f == null) {
            throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, message + "; the last attempt failed less than "
                    + cooldownMillis / 1000 + "s ago");
        }
        try {
            return f.result.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, message + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, message + ": interrupted", e);
        }
    }

    /** The fetch to wait on: the one in flight, a new one, or {@code null} while cooling down. */
    private Fetch fetch(long now) {
        while (true) {
            Fetch cur = lastFetch.get();
            if (cur != null && !cur.result.isDone()) {
                return cur;
            }
            if (cur != null && now - cur.startedAt < cooldownMillis) {
                return null;
            }
            Fetch next = new Fetch(now, new CompletableFuture<>());
            if (lastFetch.compareAndSet(cur, next)) {
                start(next);
                return next;
            }
        }
    }

    private void start(Fetch f) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(this::parse)
                .whenComplete((snapshot, error) -> {
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        LOG.warn("fetching the JWK set at {} failed: {}", uri, cause.toString());
                        f.result.completeExceptionally(cause);
                    } else {
                        state.set(snapshot);
                        f.result.complete(snapshot);
                    }
                });
    }

    private Snapshot parse(HttpResponse<InputStream> response) {
        String json;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            byte[] body = in.readNBytes(maxResponseSize + 1);
            if (body.length > maxResponseSize) {
                throw new IllegalStateException("response is larger than " + maxResponseSize + " bytes");
            }
            json = new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("reading the response failed: " + e, e);
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("not a JWK set: " + e.getMessage(), e);
        }
        Map<String, VerificationKey> keys = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            if (jwk.getKeyID() == null || jwk.getAlgorithm() == null || jwk instanceof OctetSequenceKey
                    || KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
                LOG.debug("ignoring a key of the JWK set at {} (no kid or alg, symmetric, or for encryption)", uri);
                continue;
            }
            try {
                keys.put(jwk.getKeyID(), VerificationKey.of(jwk.toPublicJWK()));
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring key '{}' of the JWK set at {}: {}", LogSafe.text(jwk.getKeyID()), uri, e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("the JWK set holds no usable signature key");
        }
        return new Snapshot(Collections.unmodifiableMap(keys), clock.millis());
    }

    /** The latest fetch, for tests that wait for a background refresh. */
    CompletableFuture<?> lastFetch() {
        Fetch f = lastFetch.get();
        return f == null ? CompletableFuture.completedFuture(null) : f.result;
    }

    /** Configures a {@link RemoteJwkSet}. Not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private HttpClient client;
        private Clock clock = Clock.systemUTC();
        private Duration refreshInterval = Duration.ofMinutes(5);
        private Duration refreshAhead = Duration.ofMinutes(1);
        private Duration maxStale = Duration.ofHours(1);
        private Duration cooldown = Duration.ofSeconds(30);
        private Duration timeout = Duration.ofSeconds(5);
        private int maxResponseSize = 256 * 1024;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !("http".equalsIgnoreCase(scheme) && loopback(uri.getHost()))) {
                throw new IllegalArgumentException("uri must be https (or http on a loopback address), was '" + uri + "'");
            }
            this.uri = uri;
        }

        private static boolean loopback(String host) {
            if (host == null) {
                return false;
            }
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false;   // a name other than localhost: never resolve it here
            }
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }

        /**
         * Sets the HTTP client (e.g. with a proxy or custom TLS); by default one with the timeout
         * as connect timeout that follows no redirect.
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how long a fetched set counts as fresh.
         *
         * @param interval between 10 seconds and 1 day
         * @return this builder
         */
        public Builder refreshInterval(Duration interval) {
            this.refreshInterval = between("refreshInterval", interval, Duration.ofSeconds(10), Duration.ofDays(1));
            return this;
        }

        /**
         * Sets how long before the end of the refresh interval a background refresh starts.
         *
         * @param ahead zero or positive, less than the refresh interval
         * @return this builder
         */
        public Builder refreshAhead(Duration ahead) {
            this.refreshAhead = between("refreshAhead", ahead, Duration.ZERO, Duration.ofDays(1));
            return this;
        }

        /**
         * Sets how long after the refresh interval the last good set keeps serving while fetches fail.
         *
         * @param maxStale between zero and 7 days
         * @return this builder
         */
        public Builder maxStale(Duration maxStale) {
            this.maxStale = between("maxStale", maxStale, Duration.ZERO, Duration.ofDays(7));
            return this;
        }

        /**
         * Sets the least time between two fetches triggered by unknown {@code kid}s or after a failure.
         *
         * @param cooldown between 1 second and 1 hour
         * @return this builder
         */
        public Builder cooldown(Duration cooldown) {
            this.cooldown = between("cooldown", cooldown, Duration.ofSeconds(1), Duration.ofHours(1));
            return this;
        }

        /**
         * Sets the HTTP timeout of a fetch.
         *
         * @param timeout between 100 ms and 1 minute
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = between("timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(1));
            return this;
        }

        /**
         * Sets the largest response accepted.
         *
         * @param bytes between 1 KiB and 10 MiB
         * @return this builder
         */
        public Builder maxResponseSize(int bytes) {
            if (bytes < 1024 || bytes > 10 * 1024 * 1024) {
                throw new IllegalArgumentException("maxResponseSize must be between 1024 and 10485760 bytes, was " + bytes);
            }
            this.maxResponseSize = bytes;
            return this;
        }

        private static Duration between(String setting, Duration d, Duration min, Duration max) {
            if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", was " + d);
            }
            return d;
        }

        /**
         * Builds the key source; nothing is fetched until the first lookup.
         *
         * @return the key source
         * @throws IllegalStateException if refreshAhead is not shorter than refreshInterval
         */
        public RemoteJwkSet build() {
            if (refreshAhead.compareTo(refreshInterval) >= 0) {
                throw new IllegalStateException("refreshAhead (" + refreshAhead + ") must be shorter than refreshInterval ("
                        + refreshInterval + ")");
            }
            return new RemoteJwkSet(this);
        }
    }
}
