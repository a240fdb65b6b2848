package dev.tokengate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.store.ApiKeyRecord;
import dev.tokengate.core.store.RefreshFamily;
import dev.tokengate.core.store.RotateOutcome;
import dev.tokengate.core.store.TokenUsage;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every store against a real redis-server: semantics, TTLs, key layout, script fallback, near-cache. */
class RedisStoresTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static RedisServerProcess server;
    static RedisClient adminClient;
    static StatefulRedisConnection<String, String> adminConnection;
    static RedisCommands<String, String> admin;

    String prefix;
    RedisStores stores;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.shared();
        adminClient = RedisClient.create(server.uri());
        adminConnection = adminClient.connect();
        admin = adminConnection.sync();
    }

    @AfterAll
    static void stopAdmin() {
        adminConnection.close();
        adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @BeforeEach
    void connect() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
        stores = RedisStores.connect(server.uri(), RedisStoresConfig.builder().keyPrefix(prefix).clock(CLOCK).build());
    }

    @AfterEach
    void close() {
        stores.close();
    }

    // ---- revocations

    @Test
    void revokeWhenCheckedThenRevokedAndOthersNot() {
        stores.revocations().revoke("jti-1", NOW.plus(Duration.ofHours(1)));

        assertThat(stores.revocations().isRevoked("jti-1")).isTrue();
        assertThat(stores.revocations().isRevoked("jti-2")).isFalse();
        assertThat(stores.revocations().isRevoked("jti-1", "alice", NOW)).isTrue();
    }

    @Test
    void revokeThenKeyExpiresWithTheTokenPlusTheMargin() {
        stores.revocations().revoke("jti-1", NOW.plus(Duration.ofHours(1)));

        long expected = Duration.ofHours(1).plusMinutes(5).toMillis();
        assertThat(admin.pttl(prefix + "revoked:jti:jti-1")).isBetween(expected - 5_000, expected);
    }

    @Test
    void revokeWhenTokenExpiredBeyondTheMarginThenNothingIsStored() {
        stores.revocations().revoke("old", NOW.minus(Duration.ofMinutes(6)));

        assertThat(admin.exists(prefix + "revoked:jti:old")).isZero();
    }

    @Test
    void revokeSubjectRevokesOnlyTokensIssuedStrictlyBeforeTheCutOff() {
        Instant cut = NOW.minusSeconds(10);
        stores.revocations().revokeSubject("alice", cut, NOW.plus(Duration.ofDays(1)));

        assertThat(stores.revocations().isRevoked("a", "alice", cut.minusNanos(1_000))).isTrue();
        assertThat(stores.revocations().isRevoked("b", "alice", cut)).isFalse();
        assertThat(stores.revocations().isRevoked("c", "alice", cut.plusSeconds(1))).isFalse();
        assertThat(stores.revocations().isRevoked("d", "bob", cut.minusSeconds(100))).isFalse();
        assertThat(stores.revocations().isRevoked("e", null, null)).isFalse();
    }

    @Test
    void revokeSubjectWithAnEarlierCutOffOrShorterTtlDoesNotShortenTheExistingOne() {
        stores.revocations().revokeSubject("alice", NOW, NOW.plus(Duration.ofDays(2)));
        stores.revocations().revokeSubject("alice", NOW.minusSeconds(3600), NOW.plus(Duration.ofHours(1)));

        assertThat(stores.revocations().isRevoked("x", "alice", NOW.minusSeconds(1))).isTrue();
        assertThat(admin.pttl(prefix + "revoked:sub:alice")).isGreaterThan(Duration.ofDays(2).toMillis() - 5_000);
        assertThat(Long.parseLong(admin.get(prefix + "revoked:sub:alice"))).isEqualTo(NOW.getEpochSecond() * 1_000_000L);
    }

    @Test
    void revokeSubjectWithALaterCutOffMovesItForward() {
        stores.revocations().revokeSubject("alice", NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
        assertThat(stores.revocations().isRevoked("x", "alice", NOW.minusSeconds(30))).isFalse();

        stores.revocations().revokeSubject("alice", NOW, NOW.plus(Duration.ofHours(1)));

        assertThat(stores.revocations().isRevoked("x", "alice", NOW.minusSeconds(30))).isTrue();
    }

    @Test
    void cutOffsAreKeptInMicrosecondsRoundedUp() {
        assertThat(RedisRevocationStore.ceilMicros(Instant.ofEpochSecond(5, 1))).isEqualTo(5_000_001L);
        assertThat(RedisRevocationStore.ceilMicros(Instant.ofEpochSecond(5, 2_000))).isEqualTo(5_000_002L);
        assertThat(RedisRevocationStore.revokedBy(Instant.ofEpochSecond(5, 1_999), 5_000_002L)).isTrue();
        assertThat(RedisRevocationStore.revokedBy(Instant.ofEpochSecond(5, 2_000), 5_000_002L)).isFalse();
        assertThatThrownBy(() -> RedisRevocationStore.ceilMicros(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- refresh families

    @Test
    void rotateWhenCurrentThenRotatedAndTheOldHashIsReuseAndRevokesTheFamily() {
        stores.refreshFamilies().create(family("f1", "h0"), Duration.ofDays(30));

        assertThat(stores.refreshFamilies().rotate("f1", "h0", "h1", Duration.ofDays(30))).isEqualTo(RotateOutcome.ROTATED);
        assertThat(stores.refreshFamilies().find("f1").currentHash()).isEqualTo("h1");
        assertThat(stores.refreshFamilies().rotate("f1", "h0", "h2", Duration.ofDays(30))).isEqualTo(RotateOutcome.REUSED);
        assertThat(stores.refreshFamilies().find("f1").revoked()).isTrue();
        assertThat(stores.refreshFamilies().rotate("f1", "h1", "h2", Duration.ofDays(30))).isEqualTo(RotateOutcome.REVOKED);
    }

    @Test
    void rotateWhenUnknownFamilyOrHashThenUnknownAndNothingChanges() {
        stores.refreshFamilies().create(family("f1", "h0"), Duration.ofDays(30));

        assertThat(stores.refreshFamilies().rotate("nope", "h0", "h1", Duration.ofDays(1))).isEqualTo(RotateOutcome.UNKNOWN);
        assertThat(stores.refreshFamilies().rotate("f1", "never", "h1", Duration.ofDays(1))).isEqualTo(RotateOutcome.UNKNOWN);
        RefreshFamily f = stores.refreshFamilies().find("f1");
        assertThat(f.currentHash()).isEqualTo("h0");
        assertThat(f.revoked()).isFalse();
    }

    @Test
    void createWhenFamilyExistsThenIllegalState() {
        stores.refreshFamilies().create(family("f1", "h0"), Duration.ofDays(30));

        assertThatThrownBy(() -> stores.refreshFamilies().create(family("f1", "other"), Duration.ofDays(30)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("f1");
        assertThat(stores.refreshFamilies().find("f1").currentHash()).isEqualTo("h0");
    }

    @Test
    void findReturnsTheFamilyExactlyAsCreated() {
        RefreshFamily f = family("f1", "h0");
        stores.refreshFamilies().create(f, Duration.ofDays(30));

        assertThat(stores.refreshFamilies().find("f1")).usingRecursiveComparison().isEqualTo(f);
        assertThat(stores.refreshFamilies().find("other")).isNull();
    }

    @Test
    void revokeFamilyThenRotationRefusedAndSecondRevokeReportsFalse() {
        stores.refreshFamilies().create(family("f1", "h0"), Duration.ofDays(30));

        assertThat(stores.refreshFamilies().revoke("f1")).isTrue();
        assertThat(stores.refreshFamilies().revoke("f1")).isFalse();
        assertThat(stores.refreshFamilies().revoke("unknown")).isFalse();
        assertThat(stores.refreshFamilies().rotate("f1", "h0", "h1", Duration.ofDays(1))).isEqualTo(RotateOutcome.REVOKED);
    }

    @Test
    void familyKeysShareAHashTagAndBothCarryTheTtlRenewedByRotation() {
        stores.refreshFamilies().create(family("f1", "h0"), Duration.ofHours(1));
        stores.refreshFamilies().rotate("f1", "h0", "h1", Duration.ofDays(30));

        assertThat(admin.keys(prefix + "refresh:*")).containsExactlyInAnyOrder(prefix + "refresh:{f1}", prefix + "refresh:{f1}:rotated");
        assertThat(SlotHash.getSlot(prefix + "refresh:{f1}")).isEqualTo(SlotHash.getSlot(prefix + "refresh:{f1}:rotated"))
                .isEqualTo(SlotHash.getSlot("f1"));
        for (String k : admin.keys(prefix + "refresh:*")) {
            assertThat(admin.pttl(k)).as(k).isBetween(Duration.ofDays(30).toMillis() - 5_000, Duration.ofDays(30).toMillis());
        }
    }

    @Test
    void familyRemembersOnlyTheConfiguredNumberOfRotatedHashes() {
        try (RedisStores s = RedisStores.connect(server.uri(), stores.config().toBuilder().rememberedRefreshHashes(2).build())) {
            s.refreshFamilies().create(family("f2", "h0"), Duration.ofDays(1));
            for (int i = 0; i < 3; i++) {
                assertThat(s.refreshFamilies().rotate("f2", "h" + i, "h" + (i + 1), Duration.ofDays(1))).isEqualTo(RotateOutcome.ROTATED);
            }
            assertThat(admin.llen(prefix + "refresh:{f2}:rotated")).isEqualTo(2);
            assertThat(s.refreshFamilies().rotate("f2", "h0", "x", Duration.ofDays(1))).isEqualTo(RotateOutcome.UNKNOWN);
            assertThat(s.refreshFamilies().rotate("f2", "h1", "x", Duration.ofDays(1))).isEqualTo(RotateOutcome.REUSED);
        }
    }

    @Test
    void scriptsStillRunWhenRedisForgotThemThroughEvalFallback() {
        stores.refreshFamilies().create(family("f1", "h0"), Duration.ofDays(1));
        admin.scriptFlush();

        assertThat(stores.refreshFamilies().rotate("f1", "h0", "h1", Duration.ofDays(1))).isEqualTo(RotateOutcome.ROTATED);
        assertThat(admin.scriptExists(RedisRefreshFamilyStore.ROTATE.sha1())).containsExactly(true);
        admin.scriptFlush();
        stores.usage().record(List.of(new TokenUsage("u1", 3, NOW), new TokenUsage("u2", 4, NOW)), Duration.ofDays(1));
        assertThat(stores.usage().find("u1").count()).isEqualTo(3);
        assertThat(stores.usage().find("u2").count()).isEqualTo(4);
        assertThat(admin.scriptExists(RedisUsageStore.ADD.sha1())).containsExactly(true);
    }

    // ---- API keys

    @Test
    void apiKeySaveFindDeleteRoundTripsTheRecordWithItsExpiry() {
        ApiKeyRecord r = new ApiKeyRecord("key-1", "hash-1", "tg_live_…x7Qa", TokenType.API_ACCESS, "svc",
                List.of("READ"), Map.of("env", "PRODUCTION", "n", 42L, "nested", Map.of("a", List.of("b"))), List.of("doc-1"),
                NOW.minusSeconds(10), NOW.plus(Duration.ofDays(90)));
        stores.apiKeys().save(r);

        assertThat(stores.apiKeys().find("hash-1")).isEqualTo(r);
        assertThat(admin.pttl(prefix + "apikey:hash-1")).isBetween(Duration.ofDays(90).toMillis() - 5_000, Duration.ofDays(90).toMillis());
        assertThat(stores.apiKeys().find("hash-2")).isNull();
        assertThat(stores.apiKeys().delete("hash-1")).isTrue();
        assertThat(stores.apiKeys().delete("hash-1")).isFalse();
        assertThat(stores.apiKeys().find("hash-1")).isNull();
    }

    @Test
    void apiKeyWhenExpiredThenNotKeptAndNotFound() {
        ApiKeyRecord r = new ApiKeyRecord("key-1", "hash-x", "tg_live_…x7Qa", TokenType.API_ACCESS, "svc",
                List.of(), Map.of(), List.of(), NOW.minusSeconds(100), NOW.minusSeconds(1));
        stores.apiKeys().save(r);

        assertThat(admin.exists(prefix + "apikey:hash-x")).isZero();
        assertThat(stores.apiKeys().find("hash-x")).isNull();
    }

    @Test
    void apiKeyWhenStoredRecordIsCorruptThenStoreUnavailable() {
        admin.set(prefix + "apikey:bad", "{not json");

        assertThatThrownBy(() -> stores.apiKeys().find("bad"))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    // ---- single use and message ids

    @Test
    void claimWhenFirstThenTrueThenFalseWithTtl() {
        assertThat(stores.singleUse().claim("once-1", Duration.ofMinutes(10))).isTrue();
        assertThat(stores.singleUse().claim("once-1", Duration.ofMinutes(10))).isFalse();
        assertThat(stores.messageIds().claim("once-1", Duration.ofMinutes(10))).as("separate key space").isTrue();
        assertThat(stores.messageIds().claim("once-1", Duration.ofMinutes(10))).isFalse();

        assertThat(admin.pttl(prefix + "once:once-1")).isBetween(595_000L, 600_000L);
        assertThat(admin.pttl(prefix + "webhook:once-1")).isBetween(595_000L, 600_000L);
    }

    @Test
    void claimWhenTtlNotPositiveThenIllegalArgument() {
        assertThatThrownBy(() -> stores.singleUse().claim("x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> stores.messageIds().claim("x", null)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- usage

    @Test
    void usageBatchesAddCountsKeepTheLatestUseAndRenewTheRetention() {
        stores.usage().record(List.of(new TokenUsage("u1", 2, NOW.minusSeconds(5)), new TokenUsage("u2", 1, NOW)), Duration.ofDays(1));
        stores.usage().record(List.of(new TokenUsage("u1", 3, NOW.minusSeconds(60))), Duration.ofDays(30));

        assertThat(stores.usage().find("u1")).isEqualTo(new TokenUsage("u1", 5, NOW.minusSeconds(5)));
        assertThat(stores.usage().find("u2")).isEqualTo(new TokenUsage("u2", 1, NOW));
        assertThat(stores.usage().find("u3")).isNull();
        assertThat(admin.pttl(prefix + "usage:u1")).isGreaterThan(Duration.ofDays(30).toMillis() - 5_000);
    }

    @Test
    void usageBatchLargerThanAPipelineChunkIsWrittenWhole() {
        List<TokenUsage> batch = new ArrayList<>();
        for (int i = 0; i < RedisUsageStore.CHUNK * 2 + 7; i++) {
            batch.add(new TokenUsage("t" + i, i + 1, NOW));
        }
        stores.usage().record(batch, Duration.ofHours(1));

        assertThat(admin.keys(prefix + "usage:*")).hasSize(batch.size());
        assertThat(stores.usage().find("t1030").count()).isEqualTo(1031);
    }

    // ---- layout

    @Test
    void everyKeyIsUnderThePrefixAndHasATtl() {
        stores.revocations().revoke("j1", NOW.plusSeconds(60));
        stores.revocations().revokeSubject("s1", NOW, NOW.plusSeconds(60));
        stores.refreshFamilies().create(family("f1", "h0"), Duration.ofHours(1));
        stores.refreshFamilies().rotate("f1", "h0", "h1", Duration.ofHours(1));
        stores.refreshFamilies().rotate("f1", "h0", "h2", Duration.ofHours(1));
        stores.apiKeys().save(new ApiKeyRecord("k", "kh", "hint", TokenType.API_ACCESS, "s", List.of(), Map.of(), List.of(),
                NOW, NOW.plusSeconds(60)));
        stores.singleUse().claim("o1", Duration.ofSeconds(60));
        stores.messageIds().claim("m1", Duration.ofSeconds(60));
        stores.usage().record(List.of(new TokenUsage("u1", 1, NOW)), Duration.ofSeconds(60));

        List<String> keys = admin.keys(prefix + "*");
        assertThat(keys).containsExactlyInAnyOrder(prefix + "revoked:jti:j1", prefix + "revoked:sub:s1", prefix + "refresh:{f1}",
                prefix + "refresh:{f1}:rotated", prefix + "apikey:kh", prefix + "once:o1", prefix + "webhook:m1", prefix + "usage:u1");
        for (String k : keys) {
            assertThat(admin.pttl(k)).as("PTTL of " + k).isPositive();
        }
    }

    @Test
    void defaultPrefixIsTokengate() {
        assertThat(RedisStoresConfig.defaults().keyPrefix()).isEqualTo("tokengate:");
        try (RedisStores s = RedisStores.connect(server.uri())) {
            String id = "default-prefix-" + UUID.randomUUID();
            s.singleUse().claim(id, Duration.ofSeconds(30));
            assertThat(admin.exists("tokengate:once:" + id)).isOne();
        }
    }

    // ---- near-cache

    @Test
    void nearCacheAnswersRepeatedChecksWithoutRedis() {
        awaitFresh(stores);
        stores.revocations().revoke("r", NOW.plusSeconds(60));
        stores.revocations().isRevoked("ok", "alice", NOW);
        long before = getCalls();

        for (int i = 0; i < 100; i++) {
            assertThat(stores.revocations().isRevoked("ok", "alice", NOW)).isFalse();
            assertThat(stores.revocations().isRevoked("r", "alice", NOW)).isTrue();
        }

        assertThat(getCalls() - before).isZero();
    }

    @Test
    void nearCacheOffThenEveryCheckReadsRedis() {
        try (RedisStores s = RedisStores.connect(server.uri(), stores.config().toBuilder().nearCache(false).build())) {
            assertThat(s.nearCache()).isNull();
            s.revocations().isRevoked("ok");
            long before = getCalls();
            for (int i = 0; i < 10; i++) {
                assertThat(s.revocations().isRevoked("ok")).isFalse();
            }
            assertThat(getCalls() - before).isEqualTo(10);
        }
    }

    @Test
    void subscriptionDroppedThenCachedNotRevokedIsNoLongerTrusted() {
        awaitFresh(stores);
        assertThat(stores.revocations().isRevoked("victim")).isFalse();
        long epoch = stores.nearCache().epoch();

        admin.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
        // a revocation whose message this instance can no longer receive
        admin.set(prefix + "revoked:jti:victim", "1");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!stores.revocations().isRevoked("victim")) {
            assertThat(System.nanoTime()).as("revocation seen within 1 s after the subscription dropped").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(stores.nearCache().epoch()).isGreaterThan(epoch);
        awaitFresh(stores);   // resubscribed by itself
    }

    static void awaitFresh(RedisStores s) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!s.nearCache().fresh()) {
            assertThat(System.nanoTime()).as("near-cache heartbeat within 5 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    static long getCalls() {
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_get:")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    static RefreshFamily family(String id, String hash) {
        return new RefreshFamily(id, "alice", TokenType.API_ACCESS, List.of("READ", "WRITE"), List.of("api"),
                Map.of("env", "PRODUCTION", "n", 7L), List.of("doc-1"), Duration.ofMinutes(15), NOW.minusMillis(1234), hash, false);
    }

}
