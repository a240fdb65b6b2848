package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RemoteJwkSet against a real local HTTP server that counts its fetches. */
class RemoteJwkSetTest {

    private final MutableClock clock = MutableClock.start();
    private final KeyRing ring = KeyRing.builder().clock(clock).generate(SigningAlgorithm.ES256).build();
    private final TokenIssuer issuer = TokenIssuer.builder().keys(ring).issuer(LifecycleFixture.ISS).audience(LifecycleFixture.AUD).clock(clock).build();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicReference<String> body = new AtomicReference<>();
    private HttpServer server;
    private RemoteJwkSet remote;
    private TokenValidator validator;

    @BeforeEach
    void start() throws Exception {
        body.set(ring.publicJwkSetJson());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] out = (failing.get() ? "{\"error\":\"down\"}" : body.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(failing.get() ? 503 : 200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        remote = RemoteJwkSet.builder(uri).clock(clock).refreshInterval(Duration.ofMinutes(5)).refreshAhead(Duration.ofMinutes(1))
                .maxStale(Duration.ofMinutes(30)).cooldown(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5)).build();
        validator = TokenValidator.builder().keys(remote).issuer(LifecycleFixture.ISS).audience(LifecycleFixture.AUD).clock(clock).cache(0)
                .listener(e -> { }).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void validTokenValidatesWithOneFetch() {
        String jwt = issuer.issue(LifecycleFixture.apiAccess("u", "READ"));
        validator.validate(jwt);
        validator.validate(jwt);
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void thousandRandomKidsCauseAtMostOneFetchPerCooldownWhileValidTokensKeepWorking() {
        String jwt = issuer.issue(LifecycleFixture.apiAccess("u", "READ"));
        validator.validate(jwt);
        assertThat(fetches.get()).isEqualTo(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(remote.find(UUID.randomUUID().toString())).isNull();
            if (i % 100 == 0) {
                validator.validate(jwt);
            }
        }
        assertThat(fetches.get()).isEqualTo(1);   // the first fetch was less than a cooldown ago
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 1000; i++) {
            assertThat(remote.find(UUID.randomUUID().toString())).isNull();
            validator.validate(jwt);
        }
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void concurrentRandomKidsShareOneFetch() throws Exception {
        String jwt = issuer.issue(LifecycleFixture.apiAccess("u", "READ"));
        validator.validate(jwt);
        clock.advance(Duration.ofSeconds(31));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    go.await();
                    if (n % 10 == 0) {
                        return validator.validate(jwt);
                    }
                    return remote.find(UUID.randomUUID().toString());
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void rotatedKeyIsFetchedWhenItsKidFirstAppears() {
        validator.validate(issuer.issue(LifecycleFixture.apiAccess("u")));
        ring.rotate();
        body.set(ring.publicJwkSetJson());
        String fresh = issuer.issue(LifecycleFixture.apiAccess("u"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(validator.validate(fresh).subject()).isEqualTo("u");
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void refreshAheadRunsInTheBackgroundOnce() throws Exception {
        String jwt = issuer.issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h").subject("u").build());
        validator.validate(jwt);
        clock.advance(Duration.ofMinutes(4).plusSeconds(1));
        validator.validate(jwt);
        remote.lastFetch().get(10, TimeUnit.SECONDS);
        validator.validate(jwt);
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void staleKeysServeThroughAnOutageForABoundedTimeThenKeysUnavailable() throws Exception {
        String jwt = issuer.issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1d").subject("u").build());
        validator.validate(jwt);
        failing.set(true);
        clock.advance(Duration.ofMinutes(20));           // past the refresh interval, within max stale
        validator.validate(jwt);
        remote.lastFetch().handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(10));
        validator.validate(jwt);
        remote.lastFetch().handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        int duringOutage = fetches.get();
        assertThat(duringOutage).isBetween(2, 3);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));   // 35 min: refresh interval + max stale are over
        assertThat(LifecycleFixture.code(() -> validator.validate(jwt))).isEqualTo(ErrorCode.KEYS_UNAVAILABLE);
        assertThat(LifecycleFixture.code(() -> validator.validate(jwt))).isEqualTo(ErrorCode.KEYS_UNAVAILABLE);
        assertThat(fetches.get()).isEqualTo(duringOutage + 1);   // no hammering within the cooldown
        failing.set(false);
        clock.advance(Duration.ofSeconds(30));
        assertThat(validator.validate(jwt).subject()).isEqualTo("u");
    }

    @Test
    void firstFetchFailingGivesKeysUnavailable() {
        failing.set(true);
        assertThat(LifecycleFixture.code(() -> validator.validate(issuer.issue(LifecycleFixture.apiAccess("u"))))).isEqualTo(ErrorCode.KEYS_UNAVAILABLE);
    }

    @Test
    void setWithoutUsableKeysIsAFailure() {
        body.set("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"alg\":\"HS256\",\"k\":\"" + "A".repeat(43) + "\"}]}");
        assertThat(LifecycleFixture.code(() -> validator.validate(issuer.issue(LifecycleFixture.apiAccess("u"))))).isEqualTo(ErrorCode.KEYS_UNAVAILABLE);
    }

    @Test
    void builderRefusesPlainHttpToRemoteHosts() {
        assertThatThrownBy(() -> RemoteJwkSet.builder(URI.create("http://auth.example.com/jwks")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> RemoteJwkSet.builder(URI.create("https://a/jwks")).refreshAhead(Duration.ofMinutes(10)).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
