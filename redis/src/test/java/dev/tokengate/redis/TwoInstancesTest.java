package dev.tokengate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.IssuedApiKey;
import dev.tokengate.core.KeyRing;
import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenPair;
import dev.tokengate.core.TokenRequirement;
import dev.tokengate.core.TokenService;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.store.RotateOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two full store stacks (two Lettuce clients: two "instances") on one Redis. */
class TwoInstancesTest {

    RedisStores a;
    RedisStores b;
    ExecutorService pool;

    @BeforeEach
    void connect() {
        RedisServerProcess server = RedisServerProcess.shared();
        RedisStoresConfig config = RedisStoresConfig.builder().keyPrefix("two" + UUID.randomUUID().toString().substring(0, 8) + ":").build();
        a = RedisStores.connect(server.uri(), config);
        b = RedisStores.connect(server.uri(), config);
        RedisStoresTest.awaitFresh(a);
        RedisStoresTest.awaitFresh(b);
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        a.close();
        b.close();
    }

    @Test
    void revocationOnAIsRefusedOnBWithinOneSecond() throws Exception {
        assertThat(b.revocations().isRevoked("t1")).isFalse();   // B now holds a cached "not revoked"
        CompletableFuture<Long> invalidated = new CompletableFuture<>();
        b.nearCache().invalidationListener(k -> {
            if (k.equals("j:t1")) {
                invalidated.complete(System.nanoTime());
            }
        });

        long start = System.nanoTime();
        a.revocations().revoke("t1", Instant.now().plusSeconds(600));
        long seen = invalidated.get(1, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(seen - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(b.revocations().isRevoked("t1")).isTrue();
    }

    @Test
    void subjectRevocationOnAIsRefusedOnBWithinOneSecond() throws Exception {
        Instant iat = Instant.now().minusSeconds(5);
        assertThat(b.revocations().isRevoked("t2", "alice", iat)).isFalse();
        CompletableFuture<String> invalidated = new CompletableFuture<>();
        b.nearCache().invalidationListener(k -> {
            if (k.equals("s:alice")) {
                invalidated.complete(k);
            }
        });

        a.revocations().revokeSubject("alice", Instant.now(), Instant.now().plusSeconds(600));
        invalidated.get(1, TimeUnit.SECONDS);

        assertThat(b.revocations().isRevoked("t2", "alice", iat)).isTrue();
    }

    /** One key ring, issuer, validator and token service per instance, all on that instance's stores. */
    record Instance(TokenValidator validator, TokenService service) {
        static Instance on(RedisStores stores, KeyRing keys) {
            TokenIssuer issuer = TokenIssuer.builder().keys(keys).issuer("https://issuer.test").audience("api").build();
            TokenValidator validator = TokenValidator.builder().keys(keys).issuer("https://issuer.test").audience("api")
                    .revocations(stores.revocations()).apiKeys(stores.apiKeys()).build();
            TokenService service = TokenService.builder().issuer(issuer).validator(validator).revocations(stores.revocations())
                    .refreshFamilies(stores.refreshFamilies()).apiKeys(stores.apiKeys()).build();
            return new Instance(validator, service);
        }
    }

    static final TokenRequirement READ = TokenRequirement.of(TokenType.API_ACCESS).requireScope("READ");

    static TechnicalToken token() {
        return TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h").scope("READ").subject("svc").build();
    }

    @Test
    void validatorOnBRefusesATokenRevokedOnA() throws Exception {
        KeyRing keys = KeyRing.generate(SigningAlgorithm.ES256);
        Instance onA = Instance.on(a, keys);
        Instance onB = Instance.on(b, keys);
        TokenPair pair = onA.service().issue(token());
        onB.validator().validate(pair.accessToken(), READ);
        onB.validator().validate(pair.accessToken(), READ);   // verified-token cache and near-cache both warm on B
        CompletableFuture<String> invalidated = new CompletableFuture<>();
        b.nearCache().invalidationListener(invalidated::complete);

        assertThat(onA.service().revoke(pair.accessToken())).isTrue();
        assertThat(invalidated.get(1, TimeUnit.SECONDS)).isEqualTo("j:" + pair.tokenId());

        assertThatThrownBy(() -> onB.validator().validate(pair.accessToken(), READ))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REVOKED));
    }

    @Test
    void apiKeyIssuedOnAWorksOnBUntilRevokedOnA() throws Exception {
        KeyRing keys = KeyRing.generate(SigningAlgorithm.ES256);
        Instance onA = Instance.on(a, keys);
        Instance onB = Instance.on(b, keys);
        IssuedApiKey key = onA.service().issueApiKey(token(), "live");
        assertThat(onB.validator().validate(key.key(), READ).subject()).isEqualTo("svc");

        assertThat(onA.service().revoke(key.key())).isTrue();

        assertThatThrownBy(() -> onB.validator().validate(key.key(), READ))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REVOKED));
    }

    @Test
    void refreshTokenReusedOnBAfterRotationOnARevokesTheFamilyEverywhere() {
        KeyRing keys = KeyRing.generate(SigningAlgorithm.ES256);
        Instance onA = Instance.on(a, keys);
        Instance onB = Instance.on(b, keys);
        TokenPair first = onA.service().issue(token(), true);
        TokenPair second = onA.service().refresh(first.refreshToken());

        assertThatThrownBy(() -> onB.service().refresh(first.refreshToken()))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED));
        assertThatThrownBy(() -> onA.service().refresh(second.refreshToken()))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID));
    }

    @Test
    void refreshTokenReuseIsDetectedAcrossInstances() {
        a.refreshFamilies().create(RedisStoresTest.family("fam", "h0"), Duration.ofDays(1));
        assertThat(a.refreshFamilies().rotate("fam", "h0", "h1", Duration.ofDays(1))).isEqualTo(RotateOutcome.ROTATED);

        assertThat(b.refreshFamilies().rotate("fam", "h0", "x", Duration.ofDays(1))).isEqualTo(RotateOutcome.REUSED);
        assertThat(a.refreshFamilies().rotate("fam", "h1", "h2", Duration.ofDays(1))).isEqualTo(RotateOutcome.REVOKED);
        assertThat(a.refreshFamilies().find("fam").revoked()).isTrue();
    }

    @Test
    void concurrentRefreshesAcrossInstancesHaveExactlyOneWinner() throws Exception {
        a.refreshFamilies().create(RedisStoresTest.family("race", "h0"), Duration.ofDays(1));
        int n = 50;
        pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RotateOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RedisStores instance = i % 2 == 0 ? a : b;
            String next = "next-" + i;
            outcomes.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return instance.refreshFamilies().rotate("race", "h0", next, Duration.ofDays(1));
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();

        List<RotateOutcome> results = new ArrayList<>();
        for (Future<RotateOutcome> f : outcomes) {
            results.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(results).filteredOn(o -> o == RotateOutcome.ROTATED).hasSize(1);
        assertThat(results).filteredOn(o -> o == RotateOutcome.REUSED).hasSize(1);   // the first loser revokes the family
        assertThat(results).filteredOn(o -> o == RotateOutcome.REVOKED).hasSize(n - 2);
        assertThat(b.refreshFamilies().find("race").revoked()).isTrue();
    }

    @Test
    void webhookMessageIdClaimedOnAIsRefusedOnB() throws Exception {
        assertThat(a.messageIds().claim("msg_1", Duration.ofMinutes(10))).isTrue();
        assertThat(b.messageIds().claim("msg_1", Duration.ofMinutes(10))).isFalse();

        int n = 20;
        pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RedisStores instance = i % 2 == 0 ? a : b;
            claims.add(pool.submit(() -> {
                go.await();
                return instance.messageIds().claim("msg_2", Duration.ofMinutes(10));
            }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> f : claims) {
            won += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(won).isOne();
    }

    @Test
    void singleUseIdClaimedOnAIsRefusedOnB() {
        assertThat(a.singleUse().claim("link-1", Duration.ofMinutes(5))).isTrue();
        assertThat(b.singleUse().claim("link-1", Duration.ofMinutes(5))).isFalse();
    }
}
