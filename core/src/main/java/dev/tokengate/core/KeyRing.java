package dev.tokengate.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The signing and verification keys of one issuer, by {@code kid}: one active key that signs,
 * plus verification-only keys (retired keys within their grace period, or keys of which only
 * the public part is known).
 *
 * <p>{@link #rotate()} makes a new active key and keeps the previous one for verification until
 * the grace period has passed; then it is dropped. The ring loads from and saves to a JWK set
 * file (the active key first; a retired key carries its drop time as the JWK {@code exp}), and
 * exports its public keys without any private member and without HMAC secrets.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.builder().generate(SigningAlgorithm.ES256).build();
 * ring.rotate();                      // new active key; the old one verifies for the grace period
 * String jwks = ring.publicJwkSetJson();
 * }</pre>
 *
 * <p>Thread-safe and lock-free: readers see an immutable snapshot; {@code rotate()} swaps it.
 */
public final class KeyRing implements KeySource {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration gracePeriod;
    private final AtomicReference<Snapshot> state;

    private KeyRing(Clock clock, Duration gracePeriod, Snapshot initial) {
        this.clock = clock;
        this.gracePeriod = gracePeriod;
        this.state = new AtomicReference<>(initial);
    }

    /** A builder; defaults: system UTC clock, 24 h grace period. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A ring with one freshly generated key.
     *
     * @param algorithm the algorithm of the key
     * @return the ring
     */
    public static KeyRing generate(SigningAlgorithm algorithm) {
        return builder().generate(algorithm).build();
    }

    /**
     * Loads a ring from a JWK set file, with the default clock and grace period.
     *
     * @param file a JWK set as written by {@link #save(Path)} or the CLI
     * @return the ring
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a valid JWK set of acceptable keys
     */
    public static KeyRing load(Path file) throws IOException {
        return builder().load(file).build();
    }

    @Override
    public VerificationKey find(String keyId) {
        Entry e = state.get().keys.get(keyId);
        if (e == null) {
            return null;
        }
        if (e.dropAt != null && !clock.instant().isBefore(e.dropAt)) {
            return null;
        }
        return e.verification;
    }

    /** The id of the key that signs new tokens. */
    public String activeKeyId() {
        return active().jwk.getKeyID();
    }

    /** The algorithm of the key that signs new tokens. */
    public SigningAlgorithm activeAlgorithm() {
        return active().verification.algorithm();
    }

    /**
     * Makes a new active key of the same algorithm; the previous active key verifies for the
     * grace period, then is dropped. Keys whose grace period is over are dropped now.
     *
     * @return the id of the new active key
     * @throws IllegalStateException if the ring has no active key
     */
    public String rotate() {
        while (true) {
            Snapshot current = state.get();
            Entry old = current.active();
            if (old == null) {
                throw new IllegalStateException("this key ring has no private key to rotate from; it only verifies");
            }
            Instant now = clock.instant();
            JWK fresh = generateJwk(old.verification.algorithm(), newKeyId());
            Map<String, Entry> keys = new LinkedHashMap<>();
            keys.put(fresh.getKeyID(), Entry.of(fresh, null));
            for (Entry e : current.keys.values()) {
                if (e == old) {
                    keys.put(e.jwk.getKeyID(), e.retire(now.plus(gracePeriod)));
                } else if (e.dropAt == null || now.isBefore(e.dropAt)) {
                    keys.put(e.jwk.getKeyID(), e);
                }
            }
            if (state.compareAndSet(current, new Snapshot(java.util.Collections.unmodifiableMap(keys), fresh.getKeyID()))) {
                return fresh.getKeyID();
            }
        }
    }

    /**
     * The JWK set with private members, active key first, retired keys with their drop time as {@code exp}.
     * Keep it secret: it is what {@link #save(Path)} writes.
     */
    public JWKSet toJwkSet() {
        Instant now = clock.instant();
        List<JWK> out = new ArrayList<>();
        for (Entry e : state.get().keys.values()) {
            if (e.dropAt == null || now.isBefore(e.dropAt)) {
                out.add(e.jwk);
            }
        }
        return new JWKSet(out);
    }

    /** The public keys, for {@code /.well-known/jwks.json}: no private member, no HMAC secret. */
    public JWKSet publicJwkSet() {
        return toJwkSet().toPublicJWKSet();
    }

    /** {@link #publicJwkSet()} as JSON. */
    public String publicJwkSetJson() {
        return publicJwkSet().toString(true);
    }

    /**
     * Writes the ring, private keys included, to a file readable by its owner only (where the file
     * system supports POSIX permissions). The file is replaced atomically.
     *
     * @param file the target
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".keys", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
            Files.writeString(tmp, toJwkSet().toString(false), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The active signing key, for the issuer. */
    SigningKey signingKey() {
        Entry e = active();
        return e.signer;
    }

    private Entry active() {
        Entry e = state.get().active();
        if (e == null) {
            throw new IllegalStateException("this key ring has no private key to sign with; load a JWK set with a private key");
        }
        return e;
    }

    static String newKeyId() {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static JWK generateJwk(SigningAlgorithm alg, String kid) {
        try {
            return switch (alg) {
                case HS256, HS384, HS512 -> new OctetSequenceKeyGenerator(Integer.parseInt(alg.name().substring(2)))
                        .keyID(kid).algorithm(alg.jws()).keyUse(KeyUse.SIGNATURE).generate();
                case RS256, PS256 -> new RSAKeyGenerator(2048).keyID(kid).algorithm(alg.jws()).keyUse(KeyUse.SIGNATURE).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(alg.jws()).keyUse(KeyUse.SIGNATURE).generate();
                case EdDSA -> Ed25519.generate(kid);
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key", e);
        }
    }

    /** The signer and header facts of the active key. */
    record SigningKey(String keyId, SigningAlgorithm algorithm, JWSSigner signer) {
    }

    private record Entry(JWK jwk, VerificationKey verification, SigningKey signer, Instant dropAt) {
        static Entry of(JWK jwk, Instant dropAt) {
            VerificationKey v = VerificationKey.of(jwk);
            SigningKey s = jwk.isPrivate() ? new SigningKey(jwk.getKeyID(), v.algorithm(), VerificationKey.signer(jwk, v.algorithm())) : null;
            return new Entry(jwk, v, s, dropAt);
        }

        Entry retire(Instant at) {
            JWK marked = withExpiration(jwk, at);
            return new Entry(marked, verification, signer, at);
        }
    }

    private static JWK withExpiration(JWK jwk, Instant at) {
        try {
            Map<String, Object> json = jwk.toJSONObject();
            json.put("exp", at.getEpochSecond());
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot mark key '" + jwk.getKeyID() + "' as retired", e);
        }
    }

    private record Snapshot(Map<String, Entry> keys, String activeKeyId) {
        Entry active() {
            return activeKeyId == null ? null : keys.get(activeKeyId);
        }
    }

    /** Builds a {@link KeyRing}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration gracePeriod = Duration.ofHours(24);
        private final List<JWK> jwks = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the clock that decides when retired keys are dropped.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how long a rotated-out key keeps verifying; make it at least the longest token lifetime.
         *
         * @param gracePeriod a non-negative duration
         * @return this builder
         */
        public Builder gracePeriod(Duration gracePeriod) {
            if (gracePeriod == null || gracePeriod.isNegative()) {
                throw new IllegalArgumentException("gracePeriod must be zero or positive, was " + gracePeriod);
            }
            this.gracePeriod = gracePeriod;
            return this;
        }

        /**
         * Adds a freshly generated key; the first private key added is the active one.
         *
         * @param algorithm the algorithm
         * @return this builder
         */
        public Builder generate(SigningAlgorithm algorithm) {
            return generate(algorithm, newKeyId());
        }

        /**
         * Adds a freshly generated key with a chosen id; the first private key added is the active one.
         *
         * @param algorithm the algorithm
         * @param keyId the {@code kid}, not blank
         * @return this builder
         */
        public Builder generate(SigningAlgorithm algorithm, String keyId) {
            jwks.add(generateJwk(Objects.requireNonNull(algorithm, "algorithm"), Validation.requireText("kid", keyId)));
            return this;
        }

        /**
         * Adds a key; it must carry {@code kid} and {@code alg}. The first private key added is the active one.
         *
         * @param jwk the key
         * @return this builder
         * @throws IllegalArgumentException if the key is weak or not pinned to a supported algorithm
         */
        public Builder add(JWK jwk) {
            VerificationKey.of(jwk);
            jwks.add(jwk);
            return this;
        }

        /**
         * Adds every key of a JWK set.
         *
         * @param set the set
         * @return this builder
         */
        public Builder add(JWKSet set) {
            set.getKeys().forEach(this::add);
            return this;
        }

        /**
         * Adds the keys of a JWK set file.
         *
         * @param file the file
         * @return this builder
         * @throws IOException if the file cannot be read
         * @throws IllegalArgumentException if it is not a JWK set, naming the file
         */
        public Builder load(Path file) throws IOException {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            try {
                return add(JWKSet.parse(json));
            } catch (ParseException e) {
                throw new IllegalArgumentException("'" + file + "' is not a JWK set: " + e.getMessage(), e);
            }
        }

        /**
         * Builds the ring.
         *
         * @return the ring
         * @throws IllegalStateException if no key was added, or two keys share a {@code kid}
         */
        public KeyRing build() {
            if (jwks.isEmpty()) {
                throw new IllegalStateException("a key ring needs at least one key: call generate(...), add(...) or load(...)");
            }
            Map<String, Entry> keys = new LinkedHashMap<>();
            String activeId = null;
            for (JWK jwk : jwks) {
                Date exp = jwk.getExpirationTime();
                Entry e = Entry.of(jwk, exp == null ? null : exp.toInstant());
                if (keys.putIfAbsent(jwk.getKeyID(), e) != null) {
                    throw new IllegalStateException("two keys share the kid '" + jwk.getKeyID() + "'");
                }
                if (activeId == null && e.signer != null && exp == null) {
                    activeId = jwk.getKeyID();
                }
            }
            return new KeyRing(clock, gracePeriod, new Snapshot(java.util.Collections.unmodifiableMap(keys), activeId));
        }
    }
}
