package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokengate.core.event.SecurityEvent;
import dev.tokengate.core.event.SecurityEvent.Kind;
import dev.tokengate.core.event.SecurityEventListener;
import dev.tokengate.core.event.TokenMetrics;
import dev.tokengate.core.event.TokenMetricsBinder;
import dev.tokengate.core.event.UsageRecorder;
import dev.tokengate.core.store.TokenUsage;
import dev.tokengate.core.store.UsageStore;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EventsAndMetricsTest {

    private final TokenMetrics metrics = TokenMetrics.create(Duration.ofMinutes(5));
    private final MutableClock usageClock = MutableClock.start();
    private final UsageStore usageStore = UsageStore.inMemory(usageClock, 1000);
    private final UsageRecorder usage = UsageRecorder.builder(usageStore).build();
    private final Fixture f = new Fixture(b -> b.listener(metrics).listener(usage), null, null);

    private static void expect(ErrorCode code, Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(TokenException.class).extracting(e -> ((TokenException) e).code()).isEqualTo(code);
    }

    @Test
    void metricsCountOutcomesByKindTypeAndCodeAndTimeValidations() {
        String ok = f.service.issue(Fixture.apiAccess("u", "READ")).accessToken();
        f.validator.validate(ok);
        f.validator.validate(ok);
        expect(ErrorCode.INSUFFICIENT_SCOPE, () -> f.validator.validate(ok, TokenRequirement.of(TokenType.API_ACCESS).requireScope("ADMIN")));
        expect(ErrorCode.TOKEN_MALFORMED, () -> f.validator.validate("not-a-token"));
        expect(ErrorCode.TOKEN_MISSING, () -> f.validator.validate(""));
        f.clock.advance(Duration.ofHours(2));
        expect(ErrorCode.TOKEN_EXPIRED, () -> f.validator.validate(ok));

        assertThat(metrics.count(Kind.ACCEPTED, TokenType.API_ACCESS, null)).isEqualTo(2);
        assertThat(metrics.count(Kind.REJECTED, TokenType.API_ACCESS, ErrorCode.INSUFFICIENT_SCOPE)).isEqualTo(1);
        assertThat(metrics.count(Kind.REJECTED, null, ErrorCode.TOKEN_MALFORMED)).isEqualTo(1);
        assertThat(metrics.count(Kind.REJECTED, null, ErrorCode.TOKEN_MISSING)).isEqualTo(1);
        assertThat(metrics.count(Kind.REJECTED, TokenType.API_ACCESS, ErrorCode.TOKEN_EXPIRED)).isEqualTo(1);
        assertThat(metrics.count(Kind.REJECTED)).isEqualTo(4);
        assertThat(metrics.validationCount()).isEqualTo(6);
        assertThat(metrics.validationTime()).isPositive();
        assertThat(metrics.maxValidationTime()).isPositive().isLessThanOrEqualTo(metrics.validationTime());
    }

    @Test
    void metricsCountTokensCloseToExpiry() {
        String jwt = f.service.issue(Fixture.apiAccess("u")).accessToken();   // 1 h
        f.validator.validate(jwt);
        f.clock.advance(Duration.ofMinutes(54));
        f.validator.validate(jwt);
        assertThat(metrics.nearExpiryCount()).isZero();
        f.clock.advance(Duration.ofMinutes(2));
        f.validator.validate(jwt);
        f.validator.validate(jwt);
        assertThat(metrics.nearExpiryCount()).isEqualTo(2);
    }

    @Test
    void micrometerBinderPublishesTheSameFigures() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String jwt = f.service.issue(Fixture.apiAccess("u")).accessToken();
        f.validator.validate(jwt);
        new TokenMetricsBinder(metrics).bindTo(registry);
        f.validator.validate(jwt);
        expect(ErrorCode.TOKEN_MALFORMED, () -> f.validator.validate("x.y"));
        assertThat(registry.get("tokengate.events").tags("kind", "ACCEPTED", "type", "API_ACCESS", "code", "none")
                .functionCounter().count()).isEqualTo(2.0);
        assertThat(registry.get("tokengate.events").tags("kind", "REJECTED", "type", "none", "code", "TOKEN_MALFORMED")
                .functionCounter().count()).isEqualTo(1.0);
        FunctionTimer timer = registry.get("tokengate.validation").functionTimer();
        assertThat(timer.count()).isEqualTo(3.0);
        assertThat(registry.get("tokengate.tokens.near.expiry").functionCounter().count()).isZero();
    }

    @Test
    void usageIsCountedInMemoryAndFlushedInOneBatch() {
        AtomicInteger batches = new AtomicInteger();
        UsageStore counting = new UsageStore() {
            @Override
            public void record(Collection<TokenUsage> batch, Duration retention) {
                batches.incrementAndGet();
                usageStore.record(batch, retention);
            }

            @Override
            public TokenUsage find(String tokenId) {
                return usageStore.find(tokenId);
            }
        };
        UsageRecorder recorder = UsageRecorder.builder(counting).build();
        TokenValidator v = TokenValidator.builder().keys(f.ring).issuer(Fixture.ISS).audience(Fixture.AUD).clock(f.clock)
                .listener(recorder).build();
        TokenPair a = f.service.issue(Fixture.apiAccess("u"));
        TokenPair b = f.service.issue(Fixture.apiAccess("w"));
        for (int i = 0; i < 5; i++) {
            v.validate(a.accessToken());
            f.clock.advance(Duration.ofSeconds(1));
        }
        v.validate(b.accessToken());
        expect(ErrorCode.INSUFFICIENT_SCOPE, () -> v.validate(b.accessToken(), TokenRequirement.of(TokenType.API_ACCESS).requireScope("ADMIN")));
        assertThat(batches.get()).isZero();
        assertThat(recorder.pendingTokens()).isEqualTo(2);
        assertThat(recorder.flush()).isEqualTo(2);
        assertThat(batches.get()).isEqualTo(1);
        assertThat(usageStore.find(a.tokenId())).isEqualTo(new TokenUsage(a.tokenId(), 5, f.clock.instant().minusSeconds(1)));
        assertThat(usageStore.find(b.tokenId()).count()).isEqualTo(1);
        v.validate(a.accessToken());
        assertThat(recorder.flush()).isEqualTo(1);
        assertThat(usageStore.find(a.tokenId()).count()).isEqualTo(6);
        assertThat(recorder.flush()).isZero();
        assertThat(batches.get()).isEqualTo(2);
    }

    @Test
    void usageFlushWhenStoreFailsKeepsCountsForNextFlush() {
        AtomicInteger failures = new AtomicInteger(1);
        UsageStore flaky = new UsageStore() {
            @Override
            public void record(Collection<TokenUsage> batch, Duration retention) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("down");
                }
                usageStore.record(batch, retention);
            }

            @Override
            public TokenUsage find(String tokenId) {
                return usageStore.find(tokenId);
            }
        };
        UsageRecorder recorder = UsageRecorder.builder(flaky).build();
        recorder.onEvent(new SecurityEvent(Kind.ACCEPTED, null, TokenType.API_ACCESS, "t1", null, "u", f.clock.instant(), null, 1));
        expect(ErrorCode.STORE_UNAVAILABLE, recorder::flush);
        recorder.onEvent(new SecurityEvent(Kind.ACCEPTED, null, TokenType.API_ACCESS, "t1", null, "u", f.clock.instant(), null, 1));
        assertThat(recorder.flush()).isEqualTo(1);
        assertThat(usageStore.find("t1").count()).isEqualTo(2);
    }

    @Test
    void lifecycleEventsAreReportedWithRedactedReferences() {
        TokenPair pair = f.service.issue(Fixture.apiAccess("u", "READ"), true);
        f.service.refresh(pair.refreshToken());
        expect(ErrorCode.REFRESH_TOKEN_REUSED, () -> f.service.refresh(pair.refreshToken()));
        assertThat(metrics.count(Kind.ISSUED)).isZero();   // the service has its own listeners
        assertThat(f.count(Kind.ISSUED)).isEqualTo(3);      // access + refresh family, then the refreshed access token
        assertThat(f.count(Kind.REFRESHED)).isEqualTo(1);
        assertThat(f.count(Kind.REUSE_DETECTED)).isEqualTo(1);
        assertThat(f.count(Kind.REVOKED)).isEqualTo(1);
        for (SecurityEvent e : f.events) {
            assertThat(e.toString()).doesNotContain(pair.refreshToken()).doesNotContain(pair.accessToken());
        }
        SecurityEvent issued = f.events.get(1);
        assertThat(issued.reference()).isEqualTo("API_ACCESS:" + pair.tokenId());
    }

    @Test
    void auditLogWritesOneStructuredLinePerEvent() {
        Logger audit = (Logger) LoggerFactory.getLogger("tokengate.audit");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        audit.addAppender(logs);
        audit.setLevel(Level.DEBUG);
        try {
            TokenPair pair = f.service.issue(Fixture.apiAccess("u", "READ"), false);
            f.validator.validate(pair.accessToken());
            expect(ErrorCode.TOKEN_MALFORMED, () -> f.validator.validate("a.b"));
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "event=ISSUED code=- type=API_ACCESS token=API_ACCESS:" + pair.tokenId() + " subject=u at=" + f.clock.instant(),
                    "event=ACCEPTED code=- type=API_ACCESS token=API_ACCESS:" + pair.tokenId() + " subject=u at=" + f.clock.instant(),
                    "event=REJECTED code=TOKEN_MALFORMED type=- token=token:- subject=- at=" + f.clock.instant());
            assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.DEBUG, Level.INFO);
            assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(pair.accessToken()));
        } finally {
            audit.detachAppender(logs);
            audit.setLevel(null);
        }
    }

    @Test
    void listenerThatThrowsDoesNotChangeTheDecision() {
        SecurityEventListener boom = e -> {
            throw new IllegalStateException("boom");
        };
        Fixture g = new Fixture(UnaryOperator.<TokenValidator.Builder>identity().andThen(b -> b.listener(boom))::apply, null, null);
        String jwt = g.service.issue(Fixture.apiAccess("u")).accessToken();
        assertThat(g.validator.validate(jwt).subject()).isEqualTo("u");
        assertThat(g.count(Kind.ACCEPTED)).isEqualTo(1);
    }
}
