package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.event.SecurityEvent;
import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.RevocationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ValidationCacheTest {

    private final MutableClock clock = MutableClock.start();
    private final KeyRing ring = KeyRing.builder().clock(clock).generate(SigningAlgorithm.ES256).build();
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final KeySource counting = kid -> {
        keyLookups.incrementAndGet();
        return ring.find(kid);
    };
    private final RevocationStore revocations = RevocationStore.inMemory(clock, 1000);
    private final TokenIssuer issuer = TokenIssuer.builder().keys(ring).issuer(LifecycleFixture.ISS).audience(LifecycleFixture.AUD).clock(clock).build();

    private TokenValidator.Builder validator() {
        return TokenValidator.builder().keys(counting).issuer(LifecycleFixture.ISS).audience(LifecycleFixture.AUD).clock(clock)
                .revocations(revocations).listener(e -> { });
    }

    @Test
    void validateTwiceThenSecondIsACacheHitWithoutVerification() {
        TokenValidator v = validator().build();
        String jwt = issuer.issue(LifecycleFixture.apiAccess("u", "READ"));
        ValidatedToken a = v.validate(jwt);
        ValidatedToken b = v.validate(jwt);
        // the same instance: nothing was parsed or verified again; the hit only checks that the key is still there
        assertThat(b).isSameAs(a);
        assertThat(keyLookups.get()).isEqualTo(2);
    }

    @Test
    void validateWhenCacheDisabledThenEveryCallVerifies() {
        TokenValidator v = validator().cache(0).build();
        String jwt = issuer.issue(LifecycleFixture.apiAccess("u", "READ"));
        v.validate(jwt);
        v.validate(jwt);
        assertThat(keyLookups.get()).isEqualTo(2);
    }

    @Test
    void validateWhenRevokedAfterCachingThenRevoked() {
        TokenValidator v = validator().build();
        String jwt = issuer.issue(LifecycleFixture.apiAccess("u", "READ"));
        ValidatedToken t = v.validate(jwt);
        revocations.revoke(t.id(), t.expiresAt());
        assertThat(LifecycleFixture.code(() -> v.validate(jwt))).isEqualTo(ErrorCode.TOKEN_REVOKED);
        assertThat(keyLookups.get()).isEqualTo(2);   // the second call was a cache hit, refused all the same
    }

    @Test
    void validateWhenSubjectRevokedAfterCachingThenRevoked() {
        TokenValidator v = validator().build();
        String jwt = issuer.issue(LifecycleFixture.apiAccess("u", "READ"));
        v.validate(jwt);
        revocations.revokeSubject("u", clock.instant().plusSeconds(1), clock.instant().plus(Duration.ofDays(2)));
        assertThat(LifecycleFixture.code(() -> v.validate(jwt))).isEqualTo(ErrorCode.TOKEN_REVOKED);
    }

    @Test
    void validateWhenCachedTokenExpiredThenExpiredAndEntryGone() {
        JwtTokenValidator v = (JwtTokenValidator) validator().build();
        String jwt = issuer.issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("5m").subject("u").build());
        v.validate(jwt);
        assertThat(v.cachedTokens()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        v.validate(jwt);   // within the 60 s skew
        clock.advance(Duration.ofSeconds(1));
        assertThat(LifecycleFixture.code(() -> v.validate(jwt))).isEqualTo(ErrorCode.TOKEN_EXPIRED);
        assertThat(v.cachedTokens()).isZero();
    }

    @Test
    void cacheStaysBoundedBySize() {
        JwtTokenValidator v = (JwtTokenValidator) validator().cache(10).build();
        for (int i = 0; i < 50; i++) {
            v.validate(issuer.issue(LifecycleFixture.apiAccess("u" + i)));
        }
        assertThat(v.cachedTokens()).isLessThanOrEqualTo(10);
    }

    @Test
    void singleUseTokenWorksOnceEvenWhenCached() {
        TokenValidator v = validator().singleUse(dev.tokengate.core.store.SingleUseStore.inMemory(clock, 100), TokenType.SIGNATURE_SESSION)
                .build();
        String session = issuer.issue(TechnicalToken.builder().type(TokenType.SIGNATURE_SESSION).expiration("15m").subject("s")
                .bind("session-1").build());
        String api = issuer.issue(LifecycleFixture.apiAccess("u"));
        TokenRequirement wrong = TokenRequirement.of(TokenType.SIGNATURE_SESSION).requireBinding("session-2");
        assertThat(LifecycleFixture.code(() -> v.validate(session, wrong))).isEqualTo(ErrorCode.RESOURCE_MISMATCH);
        v.validate(session, TokenRequirement.of(TokenType.SIGNATURE_SESSION).requireBinding("session-1"));
        assertThat(LifecycleFixture.code(() -> v.validate(session))).isEqualTo(ErrorCode.TOKEN_REVOKED);
        v.validate(api);
        v.validate(api);
    }

    @Test
    void validateWhenRevocationStoreFailsThenStoreUnavailableEvenOnCacheHit() {
        AtomicInteger calls = new AtomicInteger();
        RevocationStore flaky = new RevocationStore() {
            @Override
            public void revoke(String tokenId, Instant until) {
            }

            @Override
            public void revokeSubject(String subject, Instant issuedBefore, Instant until) {
            }

            @Override
            public boolean isRevoked(String tokenId, String subject, Instant issuedAt) {
                if (calls.incrementAndGet() > 1) {
                    throw new IllegalStateException("connection refused");
                }
                return false;
            }
        };
        java.util.List<SecurityEvent> events = new java.util.ArrayList<>();
        TokenValidator v = TokenValidator.builder().keys(ring).issuer(LifecycleFixture.ISS).audience(LifecycleFixture.AUD).clock(clock)
                .revocations(flaky).listener(events::add).build();
        String jwt = issuer.issue(LifecycleFixture.apiAccess("u"));
        v.validate(jwt);
        assertThat(LifecycleFixture.code(() -> v.validate(jwt))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(events).extracting(SecurityEvent::kind).containsExactly(SecurityEvent.Kind.ACCEPTED, SecurityEvent.Kind.REJECTED);
        assertThat(events.get(1).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    @Test
    void validateWhenApiKeyStoreFailsThenStoreUnavailable() {
        ApiKeyStore broken = new ApiKeyStore() {
            @Override
            public void save(dev.tokengate.core.store.ApiKeyRecord record) {
            }

            @Override
            public dev.tokengate.core.store.ApiKeyRecord find(String keyHash) {
                throw new IllegalStateException("down");
            }

            @Override
            public boolean delete(String keyHash) {
                return false;
            }
        };
        TokenValidator v = validator().apiKeys(broken).build();
        assertThat(LifecycleFixture.code(() -> v.validate(OpaqueTokens.newApiKey("live")))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    @Test
    void cacheSettingRejectsNegative() {
        assertThatThrownBy(() -> validator().cache(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
