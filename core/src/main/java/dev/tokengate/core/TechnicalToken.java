package dev.tokengate.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a token to be issued says: its type, lifetime, scopes, subject, audience, metadata,
 * resource bindings and optional not-before time.
 *
 * <pre>{@code
 * TechnicalToken token = TechnicalToken.builder()
 *     .type(TokenType.API_ACCESS)
 *     .expiration("1h")
 *     .scope("READ", "WRITE")
 *     .subject("user123")
 *     .metadata("environment", "PRODUCTION")
 *     .build();
 * }</pre>
 *
 * @param type the token type
 * @param lifetime how long the token lives from issuance, positive
 * @param scopes the granted scopes, in order, without duplicates
 * @param subject the subject ({@code sub}), not blank
 * @param audience the audiences; empty means the issuer's default audience
 * @param metadata JSON-compatible metadata (strings, numbers, booleans, null, lists and string-keyed maps of those)
 * @param bindings the resource ids this token is bound to (e.g. the document a {@code DOCUMENT_ACCESS} token opens)
 * @param notBefore the instant before which the token is not valid, or {@code null}
 */
public record TechnicalToken(TokenType type, Duration lifetime, List<String> scopes, String subject,
        List<String> audience, Map<String, Object> metadata, List<String> bindings, Instant notBefore) {

    /** Validates and copies every component. */
    public TechnicalToken {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isZero() || lifetime.isNegative()) {
            throw new IllegalArgumentException("lifetime '" + lifetime + "' must be positive");
        }
        scopes = List.copyOf(new LinkedHashSet<>(scopes));
        scopes.forEach(Scopes::requireValid);
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        audience = List.copyOf(audience);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(checkJsonObject("metadata", metadata)));
        bindings = List.copyOf(bindings);
        for (String b : bindings) {
            if (b == null || b.isEmpty()) {
                throw new IllegalArgumentException("a resource binding must not be empty");
            }
        }
    }

    /** A builder with no defaults but an empty scope, audience, metadata and binding list. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this token's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.lifetime = lifetime;
        b.scopes.addAll(scopes);
        b.subject = subject;
        b.audience.addAll(audience);
        b.metadata.putAll(metadata);
        b.bindings.addAll(bindings);
        b.notBefore = notBefore;
        return b;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> checkJsonObject(String path, Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException(path + " keys must be strings, found " + e.getKey());
            }
            out.put(e.getKey(), checkJsonValue(path + "." + e.getKey(), e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object checkJsonValue(String path, Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
                || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(path + " is " + d + ", which JSON cannot hold");
            }
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException(path + " keys must be strings, found " + k);
                }
            }
            return Collections.unmodifiableMap(checkJsonObject(path, (Map<String, ?>) m));
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            int i = 0;
            for (Object o : c) {
                out.add(checkJsonValue(path + "[" + i++ + "]", o));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException(path + " is a " + v.getClass().getSimpleName()
                + "; metadata holds only strings, numbers, booleans, null, lists and maps");
    }

    /** Builds a {@link TechnicalToken}; setters reject bad values at once. Not thread-safe. */
    public static final class Builder {
        private TokenType type;
        private Duration lifetime;
        private final List<String> scopes = new ArrayList<>();
        private String subject;
        private final List<String> audience = new ArrayList<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();
        private final List<String> bindings = new ArrayList<>();
        private Instant notBefore;

        private Builder() {
        }

        /**
         * Sets the token type.
         *
         * @param type the type
         * @return this builder
         */
        public Builder type(TokenType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets the lifetime from text: {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d} or ISO-8601 {@code PT1H}.
         *
         * @param expiration the lifetime
         * @return this builder
         * @throws IllegalArgumentException naming the value if unparseable, zero or negative
         */
        public Builder expiration(String expiration) {
            this.lifetime = Durations.parse(expiration);
            return this;
        }

        /**
         * Sets the lifetime.
         *
         * @param lifetime a positive duration
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder expiration(Duration lifetime) {
            Objects.requireNonNull(lifetime, "expiration");
            if (lifetime.isZero() || lifetime.isNegative()) {
                throw new IllegalArgumentException("expiration '" + lifetime + "' must be positive");
            }
            this.lifetime = lifetime;
            return this;
        }

        /**
         * Adds scopes.
         *
         * @param scopes scope names: printable ASCII, no spaces
         * @return this builder
         * @throws IllegalArgumentException naming an invalid scope
         */
        public Builder scope(String... scopes) {
            for (String s : scopes) {
                this.scopes.add(Scopes.requireValid(s));
            }
            return this;
        }

        /**
         * Adds scopes.
         *
         * @param scopes scope names
         * @return this builder
         */
        public Builder scopes(Collection<String> scopes) {
            return scope(scopes.toArray(String[]::new));
        }

        /**
         * Sets the subject.
         *
         * @param subject the subject, not blank
         * @return this builder
         */
        public Builder subject(String subject) {
            if (subject == null || subject.isBlank()) {
                throw new IllegalArgumentException("subject must not be blank");
            }
            this.subject = subject;
            return this;
        }

        /**
         * Adds audiences; without any, the issuer's default audience is used.
         *
         * @param audience audience values
         * @return this builder
         */
        public Builder audience(String... audience) {
            for (String a : audience) {
                if (a == null || a.isBlank()) {
                    throw new IllegalArgumentException("audience must not be blank");
                }
                this.audience.add(a);
            }
            return this;
        }

        /**
         * Adds one metadata entry.
         *
         * @param key the key
         * @param value a JSON-compatible value
         * @return this builder
         * @throws IllegalArgumentException naming the key when the value is not JSON-compatible
         */
        public Builder metadata(String key, Object value) {
            Objects.requireNonNull(key, "metadata key");
            this.metadata.put(key, checkJsonValue("metadata." + key, value));
            return this;
        }

        /**
         * Adds metadata entries.
         *
         * @param metadata JSON-compatible entries
         * @return this builder
         */
        public Builder metadata(Map<String, ?> metadata) {
            metadata.forEach(this::metadata);
            return this;
        }

        /**
         * Binds the token to resources, e.g. the document id a {@code DOCUMENT_ACCESS} token opens.
         *
         * @param resourceIds resource ids, not empty
         * @return this builder
         */
        public Builder bind(String... resourceIds) {
            for (String id : resourceIds) {
                if (id == null || id.isEmpty()) {
                    throw new IllegalArgumentException("a resource binding must not be empty");
                }
            }
            bindings.addAll(Arrays.asList(resourceIds));
            return this;
        }

        /**
         * Sets the instant before which the token is not valid.
         *
         * @param notBefore the instant, or {@code null} for none
         * @return this builder
         */
        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        /**
         * Builds the token description.
         *
         * @return the token
         * @throws IllegalStateException if type, expiration or subject is missing
         */
        public TechnicalToken build() {
            if (type == null) {
                throw new IllegalStateException("type is required: call type(TokenType)");
            }
            if (lifetime == null) {
                throw new IllegalStateException("expiration is required: call expiration(\"15m\") or similar");
            }
            if (subject == null) {
                throw new IllegalStateException("subject is required: call subject(String)");
            }
            return new TechnicalToken(type, lifetime, scopes, subject, audience, metadata, bindings, notBefore);
        }
    }
}
