package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyRingTest {

    @TempDir
    Path dir;

    @Test
    void rotateWhenWithinGracePeriodThenOldTokensValidateAndAfterItKeyUnknown() {
        Fixture f = new Fixture();
        String before = f.issue(TokenType.API_ACCESS);
        String oldKid = f.keys.activeKeyId();

        String newKid = f.keys.rotate();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(f.keys.activeKeyId()).isEqualTo(newKid);
        String after = f.issue(TokenType.API_ACCESS);
        assertThat(f.validator.validate(after).keyId()).isEqualTo(newKid);
        assertThat(f.validator.validate(before).keyId()).isEqualTo(oldKid);

        f.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(f.keys.find(oldKid)).isNotNull();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.keys.find(oldKid)).isNull();
        // the key lookup comes before the claim checks, so the dropped key is what refuses it
        TokenValidatorTest.assertCode(() -> f.validator.validate(before), ErrorCode.KEY_UNKNOWN);
    }

    @Test
    void validateWhenCachedTokensKeyIsDroppedThenKeyUnknownAtOnce() {
        MutableClock clock = new MutableClock(Fixture.NOW);
        KeyRing ring = KeyRing.builder().clock(clock).gracePeriod(Duration.ZERO).generate(SigningAlgorithm.ES256).build();
        TokenIssuer issuer = TokenIssuer.builder().keys(ring).issuer("i").audience("a").clock(clock).build();
        TokenValidator validator = TokenValidator.builder().keys(ring).issuer("i").audience("a").clock(clock).build();
        String jwt = issuer.issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h").subject("s").build());
        assertThat(validator.validate(jwt).subject()).isEqualTo("s");   // now cached

        ring.rotate();   // e.g. after a key compromise: no grace

        TokenValidatorTest.assertCode(() -> validator.validate(jwt), ErrorCode.KEY_UNKNOWN);
    }

    @Test
    void rotateWhenGracePeriodZeroThenOldKeyIsDroppedAtOnce() {
        MutableClock clock = new MutableClock(Fixture.NOW);
        KeyRing ring = KeyRing.builder().clock(clock).gracePeriod(Duration.ZERO).generate(SigningAlgorithm.EdDSA).build();
        String old = ring.activeKeyId();
        ring.rotate();
        assertThat(ring.find(old)).isNull();
        assertThat(ring.toJwkSet().getKeys()).hasSize(1);
    }

    @Test
    void saveThenLoadWhenRotatedThenSameKeysActiveFirstAndGraceKept() throws Exception {
        MutableClock clock = new MutableClock(Fixture.NOW);
        KeyRing ring = KeyRing.builder().clock(clock).generate(SigningAlgorithm.ES256).build();
        String old = ring.activeKeyId();
        String active = ring.rotate();
        Path file = dir.resolve("keys.json");

        ring.save(file);
        KeyRing loaded = KeyRing.builder().clock(clock).load(file).build();

        assertThat(loaded.activeKeyId()).isEqualTo(active);
        assertThat(loaded.find(old)).isNotNull();
        assertThat(loaded.toJwkSet().toString(false)).isEqualTo(ring.toJwkSet().toString(false));
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        clock.advance(Duration.ofHours(24));
        assertThat(loaded.find(old)).isNull();

        // a token issued with the loaded ring validates with the original ring
        TokenIssuer issuer = TokenIssuer.builder().keys(loaded).issuer("i").audience("a").clock(clock).build();
        TokenValidator validator = TokenValidator.builder().keys(ring).issuer("i").audience("a").clock(clock).build();
        String jwt = issuer.issue(TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("5m").subject("s").build());
        assertThat(validator.validate(jwt).keyId()).isEqualTo(active);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void publicJwkSetWhenExportedThenNoPrivateMemberEver(SigningAlgorithm alg) throws Exception {
        KeyRing ring = KeyRing.builder().generate(alg).generate(SigningAlgorithm.RS256).generate(SigningAlgorithm.HS256).build();
        String json = ring.publicJwkSetJson();
        Map<String, Object> parsed = com.nimbusds.jose.util.JSONObjectUtils.parse(json);
        for (Object k : (java.util.List<?>) parsed.get("keys")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> key = (Map<String, Object>) k;
            assertThat(key.keySet()).doesNotContain("d", "p", "q", "dp", "dq", "qi", "oth", "k");
            assertThat(key.get("kty")).isNotEqualTo("oct");
        }
        assertThat(ring.publicJwkSet().getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    }

    @Test
    void loadWhenOnlyPublicKeysThenVerifiesButCannotSign() throws Exception {
        Fixture f = new Fixture();
        Path file = dir.resolve("public.json");
        Files.writeString(file, f.keys.publicJwkSetJson());
        KeyRing publicOnly = KeyRing.load(file);
        TokenValidator v = TokenValidator.builder().keys(publicOnly).issuer(Fixture.ISSUER).audience(Fixture.AUDIENCE)
                .clock(f.clock).build();
        assertThat(v.validate(f.issue(TokenType.API_ACCESS)).subject()).isEqualTo("user123");
        assertThatThrownBy(() -> TokenIssuer.builder().keys(publicOnly).issuer("i").audience("a").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no private key");
    }

    @Test
    void buildWhenRsaKeyBelow2048BitsThenRefused() throws Exception {
        JWK weak = new RSAKeyGenerator(1024, true).keyID("weak").algorithm(SigningAlgorithm.RS256.jws()).generate();
        assertThatThrownBy(() -> KeyRing.builder().add(weak)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key 'weak' is a 1024-bit RSA key; at least 2048 bits are required");
    }

    @Test
    void buildWhenHmacSecretBelow256BitsThenRefused() {
        JWK weak = new OctetSequenceKey.Builder(new byte[31]).keyID("short").algorithm(SigningAlgorithm.HS256.jws()).build();
        assertThatThrownBy(() -> KeyRing.builder().add(weak)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key 'short' is a 248-bit secret; HS256 needs at least 256 bits");
    }

    @Test
    void buildWhenHs512SecretOnly256BitsThenRefused() throws Exception {
        JWK weak = new OctetSequenceKeyGenerator(256).keyID("k").algorithm(SigningAlgorithm.HS512.jws()).generate();
        assertThatThrownBy(() -> KeyRing.builder().add(weak)).hasMessageContaining("HS512 needs at least 512 bits");
    }

    @Test
    void buildWhenKeyHasNoAlgThenRefusedAsUnpinned() throws Exception {
        JWK unpinned = new ECKeyGenerator(Curve.P_256).keyID("k").keyUse(KeyUse.SIGNATURE).generate();
        assertThatThrownBy(() -> KeyRing.builder().add(unpinned)).hasMessageContaining("has no 'alg'");
    }

    @Test
    void buildWhenEcKeyOffP256ThenRefused() throws Exception {
        JWK p384 = new ECKeyGenerator(Curve.P_384).keyID("k").algorithm(SigningAlgorithm.ES256.jws()).generate();
        assertThatThrownBy(() -> KeyRing.builder().add(p384)).hasMessageContaining("on P-256");
    }

    @Test
    void buildWhenTwoKeysShareAKidThenRefused() throws Exception {
        JWK a = new ECKeyGenerator(Curve.P_256).keyID("same").algorithm(SigningAlgorithm.ES256.jws()).generate();
        JWK b = new ECKeyGenerator(Curve.P_256).keyID("same").algorithm(SigningAlgorithm.ES256.jws()).generate();
        assertThatThrownBy(() -> KeyRing.builder().add(a).add(b).build()).hasMessageContaining("share the kid 'same'");
    }

    @Test
    void loadWhenFileIsNotAJwkSetThenNamesTheFile() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{oops");
        assertThatThrownBy(() -> KeyRing.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json' is not a JWK set");
    }
}
