package dev.tokengate.core;

import dev.tokengate.core.event.SecurityEvent;
import dev.tokengate.core.event.SecurityEventListener;
import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.RefreshFamilyStore;
import dev.tokengate.core.store.RevocationStore;
import dev.tokengate.core.store.SingleUseStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** An issuer, validator and service on in-memory stores and a mutable clock. */
final class LifecycleFixture {

    static final String ISS = "https://auth.example.com";
    static final String AUD = "documents-api";

    final MutableClock clock = MutableClock.start();
    final KeyRing ring = KeyRing.builder().clock(clock).generate(SigningAlgorithm.ES256).build();
    final RevocationStore revocations;
    final ApiKeyStore apiKeys;
    final RefreshFamilyStore families = RefreshFamilyStore.inMemory(clock, 100_000);
    final SingleUseStore singleUse = SingleUseStore.inMemory(clock, 100_000);
    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    final TokenIssuer issuer = TokenIssuer.builder().keys(ring).issuer(ISS).audience(AUD).clock(clock).build();
    final TokenValidator validator;
    final TokenService service;

    LifecycleFixture() {
        this(UnaryOperator.identity(), null, null);
    }

    LifecycleFixture(UnaryOperator<TokenValidator.Builder> extra, RevocationStore revocations, ApiKeyStore apiKeys) {
        this.revocations = revocations != null ? revocations : RevocationStore.inMemory(clock, 100_000);
        this.apiKeys = apiKeys != null ? apiKeys : ApiKeyStore.inMemory(clock, 100_000);
        SecurityEventListener record = events::add;
        this.validator = extra.apply(TokenValidator.builder().keys(ring).issuer(ISS).audience(AUD).clock(clock)
                .revocations(this.revocations).apiKeys(this.apiKeys).listener(record)
                .listener(SecurityEventListener.logging())).build();
        this.service = TokenService.builder().issuer(issuer).validator(validator).revocations(this.revocations)
                .refreshFamilies(families).apiKeys(this.apiKeys).clock(clock).listener(record)
                .listener(SecurityEventListener.logging()).build();
    }

    static TechnicalToken apiAccess(String subject, String... scopes) {
        return TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h").scope(scopes).subject(subject)
                .metadata("environment", "PRODUCTION").build();
    }

    /** The code of the TokenException the call throws; fails when it throws none. */
    static ErrorCode code(Runnable r) {
        try {
            r.run();
        } catch (TokenException e) {
            return e.code();
        }
        throw new AssertionError("no TokenException");
    }

    long count(SecurityEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }
}
