package dev.tokengate.core.event;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@link TokenMetrics} to Micrometer. Needs {@code io.micrometer:micrometer-core} on the
 * classpath (an optional dependency of tokengate-core: nothing else in core needs it).
 *
 * <p>Meters: {@code tokengate.events} (counter; tags {@code kind}, {@code type}, {@code code},
 * {@code none} where absent), {@code tokengate.validation} (timer), {@code tokengate.tokens.near.expiry}
 * (counter of accepted tokens close to expiry). Combinations first seen after binding are
 * registered when they appear.
 *
 * <pre>{@code
 * new TokenMetricsBinder(metrics).bindTo(registry);
 * }</pre>
 */
public final class TokenMetricsBinder implements MeterBinder {

    private final TokenMetrics metrics;

    /**
     * Creates a binder.
     *
     * @param metrics the metrics to publish
     */
    public TokenMetricsBinder(TokenMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionTimer.builder("tokengate.validation", metrics, TokenMetrics::validationCount,
                        m -> m.validationTime().toNanos(), TimeUnit.NANOSECONDS)
                .description("time spent validating presented tokens")
                .register(registry);
        FunctionCounter.builder("tokengate.tokens.near.expiry", metrics, m -> m.nearExpiryCount())
                .description("accepted tokens that were close to expiry when used")
                .register(registry);
        metrics.onNewKey(key -> register(registry, key));
        for (TokenMetrics.Key key : metrics.keys()) {
            register(registry, key);
        }
    }

    private void register(MeterRegistry registry, TokenMetrics.Key key) {
        FunctionCounter.builder("tokengate.events", metrics, m -> m.count(key.kind(), key.type(), key.code()))
                .description("security events by kind, token type and error code")
                .tag("kind", key.kind().name())
                .tag("type", key.type() == null ? "none" : key.type().name())
                .tag("code", key.code() == null ? "none" : key.code().name())
                .register(registry);
    }
}
