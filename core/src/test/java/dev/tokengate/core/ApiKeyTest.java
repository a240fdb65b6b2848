package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokengate.core.event.SecurityEvent;
import dev.tokengate.core.store.ApiKeyRecord;
import dev.tokengate.core.store.ApiKeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ApiKeyTest {

    /** Counts lookups and remembers every record it was given. */
    static final class CountingStore implements ApiKeyStore {
        final ApiKeyStore delegate;
        final AtomicInteger finds = new AtomicInteger();
        final List<ApiKeyRecord> saved = new ArrayList<>();
        final List<String> lookedUp = new ArrayList<>();

        CountingStore(ApiKeyStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void save(ApiKeyRecord record) {
            saved.add(record);
            delegate.save(record);
        }

        @Override
        public ApiKeyRecord find(String keyHash) {
            finds.incrementAndGet();
            lookedUp.add(keyHash);
            return delegate.find(keyHash);
        }

        @Override
        public boolean delete(String keyHash) {
            lookedUp.add(keyHash);
            return delegate.delete(keyHash);
        }
    }

    private final MutableClock storeClock = MutableClock.start();
    private final CountingStore store = new CountingStore(ApiKeyStore.inMemory(storeClock, 1000));
    private final Fixture f = new Fixture(UnaryOperator.identity(), null, store);

    @Test
    void issueApiKeyThenValidateGrantsItsScopes() {
        IssuedApiKey issued = f.service.issueApiKey(Fixture.apiAccess("svc-1", "READ"), "live");
        assertThat(issued.key()).matches("tg_live_[0-9A-Za-z]{33}");
        ValidatedToken ok = f.validator.validate(issued.key(), TokenRequirement.of(TokenType.API_ACCESS).requireScope("READ"));
        assertThat(ok.subject()).isEqualTo("svc-1");
        assertThat(ok.id()).isEqualTo(issued.record().id());
        assertThat(ok.keyId()).isNull();
        assertThat(issued.toString()).doesNotContain(issued.key());
        assertThatThrownBy(() -> f.validator.validate(issued.key(), TokenRequirement.of(TokenType.API_ACCESS).requireScope("WRITE")))
                .isInstanceOf(InsufficientScopeException.class);
    }

    @Test
    void validateWhenChecksumBadThenMalformedWithZeroStoreLookups() {
        String key = f.service.issueApiKey(Fixture.apiAccess("svc-1", "READ"), "test").key();
        char last = key.charAt(key.length() - 1);
        String typo = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
        String flippedBody = key.substring(0, 10) + (key.charAt(10) == 'x' ? 'y' : 'x') + key.substring(11);
        for (String bad : List.of(typo, flippedBody, "tg_live_short", "tg__" + "a".repeat(33), "tg_LIVE_" + key.substring(8),
                key + "0", "tg_live_" + "!".repeat(33))) {
            assertThatThrownBy(() -> f.validator.validate(bad)).isInstanceOf(TokenException.class)
                    .extracting(e -> ((TokenException) e).code()).isEqualTo(ErrorCode.TOKEN_MALFORMED);
        }
        assertThat(store.finds.get()).isZero();
        f.validator.validate(key);
        assertThat(store.finds.get()).isEqualTo(1);
    }

    @Test
    void rawKeyAppearsInNoStoreAndNoLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger audit = (Logger) LoggerFactory.getLogger("tokengate.audit");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        Level before = root.getLevel();
        root.setLevel(Level.TRACE);
        try {
            IssuedApiKey issued = f.service.issueApiKey(Fixture.apiAccess("svc-1", "READ"), "live");
            String key = issued.key();
            f.validator.validate(key);
            String typo = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
            assertThatThrownBy(() -> f.validator.validate(typo)).isInstanceOf(TokenException.class);
            f.service.introspect(key);
            f.service.revoke(key);
            assertThatThrownBy(() -> f.validator.validate(key)).isInstanceOf(TokenException.class)
                    .extracting(e -> ((TokenException) e).code()).isEqualTo(ErrorCode.TOKEN_REVOKED);

            String secretPart = key.substring("tg_live_".length());
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(issued.record().hint()));
            for (ILoggingEvent e : logs.list) {
                assertThat(e.getFormattedMessage()).doesNotContain(secretPart).doesNotContain(typo.substring(8));
                if (e.getArgumentArray() != null) {
                    assertThat(Arrays.deepToString(e.getArgumentArray())).doesNotContain(secretPart);
                }
            }
            assertThat(store.saved).hasSize(1);
            ApiKeyRecord r = store.saved.get(0);
            assertThat(r.toString()).doesNotContain(secretPart);
            assertThat(r.keyHash()).isEqualTo(OpaqueTokens.hash(key)).doesNotContain(secretPart);
            assertThat(store.lookedUp).allSatisfy(h -> assertThat(h).doesNotContain(secretPart).hasSize(43));
            assertThat(f.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(secretPart));
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
            audit.setLevel(null);
        }
    }

    @Test
    void validateWhenExpiredOrUnknownThenRefused() {
        IssuedApiKey issued = f.service.issueApiKey(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1d")
                .subject("svc").build(), "live");
        String other = OpaqueTokens.newApiKey("live");
        assertThatThrownBy(() -> f.validator.validate(other)).extracting(e -> ((TokenException) e).code())
                .isEqualTo(ErrorCode.TOKEN_REVOKED);
        f.clock.advance(Duration.ofDays(1).plusSeconds(1));
        storeClock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThatThrownBy(() -> f.validator.validate(issued.key())).extracting(e -> ((TokenException) e).code())
                .isIn(ErrorCode.TOKEN_EXPIRED, ErrorCode.TOKEN_REVOKED);
        assertThat(f.events).filteredOn(e -> e.kind() == SecurityEvent.Kind.REJECTED)
                .allSatisfy(e -> assertThat(e.keyHint()).startsWith("tg_live_…"));
    }

    @Test
    void validateWhenNoApiKeyStoreThenMalformed() {
        String key = f.service.issueApiKey(Fixture.apiAccess("svc"), "live").key();
        TokenValidator plain = TokenValidator.builder().keys(f.ring).issuer(Fixture.ISS).audience(Fixture.AUD).build();
        assertThatThrownBy(() -> plain.validate(key)).extracting(e -> ((TokenException) e).code()).isEqualTo(ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void issueApiKeyWhenEnvironmentBadThenIllegalArgument() {
        assertThatThrownBy(() -> f.service.issueApiKey(Fixture.apiAccess("svc"), "Live_1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Live_1");
    }
}
