package dev.tokengate.core.event;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A listener that counts events by kind, token type and error code, times validations, and
 * counts accepted tokens that are close to expiry. Works without any metrics library; with
 * Micrometer on the classpath, {@link TokenMetricsBinder} publishes the same figures.
 *
 * <pre>{@code
 * TokenMetrics metrics = TokenMetrics.create();
 * TokenValidator v = TokenValidator.builder()...listener(metrics).build();
 * metrics.count(SecurityEvent.Kind.REJECTED, TokenType.API_ACCESS, ErrorCode.TOKEN_EXPIRED);
 * }</pre>
 *
 * <p>Thread-safe; counting allocates nothing once a (kind, type, code) combination has been seen.
 */
public final class TokenMetrics implements SecurityEventListener {

    /** One counted combination; {@code type} and {@code code} may be {@code null}. */
    public record Key(SecurityEvent.Kind kind, TokenType type, ErrorCode code) {
    }

    private static final SecurityEvent.Kind[] KINDS = SecurityEvent.Kind.values();
    private static final TokenType[] TYPES = TokenType.values();
    private static final ErrorCode[] CODES = ErrorCode.values();

    private final Duration nearExpiry;
    private final long nearExpiryMillis;
    private final AtomicReferenceArray<LongAdder> counts =
            new AtomicReferenceArray<>(KINDS.length * (TYPES.length + 1) * (CODES.length + 1));
    private final LongAdder validations = new LongAdder();
    private final LongAdder validationNanos = new LongAdder();
    private final AtomicLong maxValidationNanos = new AtomicLong();
    private final LongAdder nearExpiryCount = new LongAdder();
    private final List<Consumer<Key>> newKeyCallbacks = new CopyOnWriteArrayList<>();

    private TokenMetrics(Duration nearExpiry) {
        this.nearExpiry = nearExpiry;
        this.nearExpiryMillis = nearExpiry.toMillis();
    }

    /** Metrics where "close to expiry" means within 5 minutes. */
    public static TokenMetrics create() {
        return create(Duration.ofMinutes(5));
    }

    /**
     * Metrics with a given "close to expiry" window.
     *
     * @param nearExpiry an accepted token expiring within this window counts as close to expiry
     * @return the metrics
     * @throws IllegalArgumentException if not positive
     */
    public static TokenMetrics create(Duration nearExpiry) {
        if (nearExpiry == null || nearExpiry.isNegative() || nearExpiry.isZero()) {
            throw new IllegalArgumentException("nearExpiry must be positive, was " + nearExpiry);
        }
        return new TokenMetrics(nearExpiry);
    }

    @Override
    public void onEvent(SecurityEvent e) {
        int i = index(e.kind(), e.type(), e.code());
        LongAdder a = counts.get(i);
        if (a == null) {
            LongAdder fresh = new LongAdder();
            if (counts.compareAndSet(i, null, fresh)) {
                a = fresh;
                Key key = new Key(e.kind(), e.type(), e.code());
                for (Consumer<Key> c : newKeyCallbacks) {
                    c.accept(key);
                }
            } else {
                a = counts.get(i);
            }
        }
        a.increment();
        if (e.elapsedNanos() >= 0) {
            validations.increment();
            validationNanos.add(e.elapsedNanos());
            maxValidationNanos.accumulateAndGet(e.elapsedNanos(), Math::max);
        }
        if (e.kind() == SecurityEvent.Kind.ACCEPTED && e.expiresAt() != null
                && e.expiresAt().toEpochMilli() - e.at().toEpochMilli() <= nearExpiryMillis) {
            nearExpiryCount.increment();
        }
    }

    /**
     * How many events of exactly this combination were seen.
     *
     * @param kind the kind
     * @param type the token type, or {@code null} for events without one
     * @param code the error code, or {@code null} for events without one
     * @return the count
     */
    public long count(SecurityEvent.Kind kind, TokenType type, ErrorCode code) {
        LongAdder a = counts.get(index(Objects.requireNonNull(kind, "kind"), type, code));
        return a == null ? 0 : a.sum();
    }

    /**
     * How many events of a kind were seen, whatever their type and code.
     *
     * @param kind the kind
     * @return the count
     */
    public long count(SecurityEvent.Kind kind) {
        long sum = 0;
        for (Key k : keys()) {
            if (k.kind() == kind) {
                sum += count(k.kind(), k.type(), k.code());
            }
        }
        return sum;
    }

    /** Every combination seen so far. */
    public List<Key> keys() {
        List<Key> out = new ArrayList<>();
        for (int i = 0; i < counts.length(); i++) {
            if (counts.get(i) != null) {
                out.add(key(i));
            }
        }
        return out;
    }

    /** How many validations (accepted or rejected) were timed. */
    public long validationCount() {
        return validations.sum();
    }

    /** The total time spent in timed validations. */
    public Duration validationTime() {
        return Duration.ofNanos(validationNanos.sum());
    }

    /** The longest single validation seen. */
    public Duration maxValidationTime() {
        return Duration.ofNanos(maxValidationNanos.get());
    }

    /** How many accepted tokens were within the "close to expiry" window when used. */
    public long nearExpiryCount() {
        return nearExpiryCount.sum();
    }

    /** The "close to expiry" window. */
    public Duration nearExpiry() {
        return nearExpiry;
    }

    /** Registers a callback told of each combination the first time it is counted (used by the Micrometer binder). */
    void onNewKey(Consumer<Key> callback) {
        newKeyCallbacks.add(callback);
    }

    private static int index(SecurityEvent.Kind kind, TokenType type, ErrorCode code) {
        int t = type == null ? 0 : type.ordinal() + 1;
        int c = code == null ? 0 : code.ordinal() + 1;
        return (kind.ordinal() * (TYPES.length + 1) + t) * (CODES.length + 1) + c;
    }

    private static Key key(int i) {
        int c = i % (CODES.length + 1);
        int rest = i / (CODES.length + 1);
        int t = rest % (TYPES.length + 1);
        int k = rest / (TYPES.length + 1);
        return new Key(KINDS[k], t == 0 ? null : TYPES[t - 1], c == 0 ? null : CODES[c - 1]);
    }
}
