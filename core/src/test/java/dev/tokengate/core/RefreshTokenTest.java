package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.event.SecurityEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

    private final LifecycleFixture f = new LifecycleFixture();

    @Test
    void refreshRotatesAndReissuesTheSameGrant() {
        TokenPair first = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ", "WRITE"), true);
        assertThat(first.refreshToken()).matches("tgr_[0-9A-Za-z]{22}_[0-9A-Za-z]{43}");
        assertThat(first.toString()).doesNotContain(first.refreshToken()).doesNotContain(first.accessToken());
        f.clock.advance(Duration.ofMinutes(30));
        TokenPair second = f.service.refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(1)));
        ValidatedToken v = f.validator.validate(second.accessToken(), TokenRequirement.of(TokenType.API_ACCESS).requireScope("WRITE"));
        assertThat(v.subject()).isEqualTo("user-1");
        assertThat(v.metadata()).containsEntry("environment", "PRODUCTION");
        assertThat(f.count(SecurityEvent.Kind.REFRESHED)).isEqualTo(1);
        assertThat(f.service.refresh(second.refreshToken()).refreshToken()).isNotNull();
    }

    @Test
    void refreshWhenRotatedTokenReusedThenFamilyRevokedIncludingNewest() {
        TokenPair first = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ"), true);
        TokenPair second = f.service.refresh(first.refreshToken());
        TokenPair third = f.service.refresh(second.refreshToken());
        assertThat(LifecycleFixture.code(() -> f.service.refresh(first.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED);
        assertThat(LifecycleFixture.code(() -> f.service.refresh(third.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
        assertThat(LifecycleFixture.code(() -> f.service.refresh(second.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
        assertThat(f.count(SecurityEvent.Kind.REUSE_DETECTED)).isEqualTo(1);
        assertThat(f.events).filteredOn(e -> e.kind() == SecurityEvent.Kind.REUSE_DETECTED)
                .singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED));
    }

    @Test
    void hundredConcurrentRefreshesOfOneTokenGiveExactlyOneSuccess() throws Exception {
        TokenPair pair = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ"), true);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return f.service.refresh(pair.refreshToken());
                    } catch (TokenException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            int ok = 0;
            List<Object> failures = new ArrayList<>();
            for (Future<Object> r : results) {
                Object o = r.get(30, TimeUnit.SECONDS);
                if (o instanceof TokenPair) {
                    ok++;
                } else {
                    failures.add(o);
                }
            }
            assertThat(ok).isEqualTo(1);
            assertThat(failures).hasSize(99).allSatisfy(c -> assertThat(c).isIn(ErrorCode.REFRESH_TOKEN_REUSED, ErrorCode.REFRESH_TOKEN_INVALID));
            assertThat(failures).contains(ErrorCode.REFRESH_TOKEN_REUSED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refreshTokenNeverValidatesAsAccessTokenAndAccessTokenNeverRefreshes() {
        TokenPair pair = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ"), true);
        assertThat(LifecycleFixture.code(() -> f.validator.validate(pair.refreshToken()))).isEqualTo(ErrorCode.TOKEN_MALFORMED);
        assertThat(LifecycleFixture.code(() -> f.service.refresh(pair.accessToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
        String apiKey = f.service.issueApiKey(LifecycleFixture.apiAccess("svc"), "live").key();
        assertThat(LifecycleFixture.code(() -> f.service.refresh(apiKey))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
        assertThat(LifecycleFixture.code(() -> f.service.refresh(null))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
        assertThat(f.service.introspect(pair.refreshToken())).isEmpty();
    }

    @Test
    void refreshWhenUnusedLongerThanLifetimeThenInvalid() {
        TokenPair pair = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ"), true);
        f.clock.advance(Duration.ofDays(14).plusSeconds(1));
        assertThat(LifecycleFixture.code(() -> f.service.refresh(pair.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
    }

    @Test
    void revokeRefreshTokenRevokesItsFamily() {
        TokenPair pair = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ"), true);
        assertThat(f.service.revoke(pair.refreshToken())).isTrue();
        assertThat(LifecycleFixture.code(() -> f.service.refresh(pair.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
        assertThat(f.service.revoke("tgr_" + "a".repeat(22) + "_" + "b".repeat(43))).isFalse();
    }

    @Test
    void revokeSubjectRevokesAccessTokensAndRefreshFamiliesIssuedBefore() {
        TokenPair before = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ"), true);
        TokenPair otherUser = f.service.issue(LifecycleFixture.apiAccess("user-2", "READ"), false);
        f.service.revokeSubject("user-1");
        assertThat(LifecycleFixture.code(() -> f.validator.validate(before.accessToken()))).isEqualTo(ErrorCode.TOKEN_REVOKED);
        assertThat(LifecycleFixture.code(() -> f.service.refresh(before.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
        assertThat(f.validator.validate(otherUser.accessToken()).subject()).isEqualTo("user-2");
        f.clock.advance(Duration.ofSeconds(2));
        TokenPair after = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ"), false);
        assertThat(f.validator.validate(after.accessToken()).subject()).isEqualTo("user-1");
    }

    @Test
    void introspectAnswersActiveTokensOnly() {
        TokenPair pair = f.service.issue(LifecycleFixture.apiAccess("user-1", "READ"), false);
        assertThat(f.service.introspect(pair.accessToken())).get().extracting(ValidatedToken::id).isEqualTo(pair.tokenId());
        assertThat(f.service.revoke(pair.accessToken())).isTrue();
        assertThat(f.service.introspect(pair.accessToken())).isEmpty();
        assertThat(f.service.introspect("garbage")).isEmpty();
        assertThat(f.service.revoke("garbage")).isFalse();
    }

    @Test
    void buildWhenValidatorUsesAnotherRevocationStoreThenIllegalState() {
        TokenValidator other = TokenValidator.builder().keys(f.ring).issuer(LifecycleFixture.ISS).audience(LifecycleFixture.AUD)
                .revocations(dev.tokengate.core.store.RevocationStore.inMemory()).build();
        assertThatThrownBy(() -> TokenService.builder().issuer(f.issuer).validator(other).revocations(f.revocations).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same RevocationStore");
    }
}
