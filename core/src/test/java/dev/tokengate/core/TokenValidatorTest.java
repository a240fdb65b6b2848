package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenValidatorTest {

    private final Fixture f = new Fixture();

    static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOf(TokenException.class)
                .satisfies(e -> assertThat(((TokenException) e).code()).isEqualTo(code));
    }

    @Test
    void validateWhenIssuedThenExposesEveryClaim() {
        String jwt = f.issuer.issue(TechnicalToken.builder().type(TokenType.DOCUMENT_ACCESS).expiration("1h")
                .scope("READ").subject("signer-1").metadata("environment", "PRODUCTION").bind("doc-1")
                .notBefore(Fixture.NOW).build());

        ValidatedToken t = f.validator.validate(jwt);

        assertThat(t.type()).isEqualTo(TokenType.DOCUMENT_ACCESS);
        assertThat(t.subject()).isEqualTo("signer-1");
        assertThat(t.issuer()).isEqualTo(Fixture.ISSUER);
        assertThat(t.audience()).containsExactly(Fixture.AUDIENCE);
        assertThat(t.scopes()).containsExactly("READ");
        assertThat(t.metadata()).containsEntry("environment", "PRODUCTION");
        assertThat(t.bindings()).containsExactly("doc-1");
        assertThat(t.issuedAt()).isEqualTo(Fixture.NOW);
        assertThat(t.expiresAt()).isEqualTo(Fixture.NOW.plusSeconds(3600));
        assertThat(t.notBefore()).isEqualTo(Fixture.NOW);
        assertThat(t.id()).hasSize(22);
        assertThat(t.keyId()).isEqualTo(f.keys.activeKeyId());
        assertThat(t.claims()).containsKeys("iss", "sub", "aud", "exp", "iat", "jti", "scope", "token_type");
        assertThat(t.toString()).doesNotContain(jwt);
    }

    @Test
    void issueWhenTwiceThenTokenIdsDiffer() {
        ValidatedToken a = f.validator.validate(f.issue(TokenType.API_ACCESS));
        ValidatedToken b = f.validator.validate(f.issue(TokenType.API_ACCESS));
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    // --- expiry, not-before, issued-at ---------------------------------------------------------

    @Test
    void validateWhenExpiredWithinSkewThenAccepted() {
        String jwt = f.issue(TokenType.API_ACCESS);
        f.clock.advance(Duration.ofMinutes(15).plusSeconds(59));
        assertThat(f.validator.validate(jwt).subject()).isEqualTo("user123");
    }

    @Test
    void validateWhenExpiredBeyondSkewThenTokenExpiredSayingByHowMuch() {
        String jwt = f.issue(TokenType.API_ACCESS);
        f.clock.advance(Duration.ofMinutes(15).plusSeconds(60));
        assertCode(() -> f.validator.validate(jwt), ErrorCode.TOKEN_EXPIRED);
        assertThatThrownBy(() -> f.validator.validate(jwt)).hasMessageContaining("60s ago; allowed clock skew 60s");
    }

    @Test
    void validateWhenExpMissingThenMalformed() {
        JWTClaimsSet c = new JWTClaimsSet.Builder(f.claims(TokenType.API_ACCESS).build()).expirationTime(null).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.TOKEN_MALFORMED);
        assertThatThrownBy(() -> f.validator.validate(f.sign(c))).hasMessageContaining("exp claim is required");
    }

    @Test
    void validateWhenIatMissingThenMalformed() {
        JWTClaimsSet c = new JWTClaimsSet.Builder(f.claims(TokenType.API_ACCESS).build()).issueTime(null).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void validateWhenNotBeforeInTheFutureBeyondSkewThenNotYetValid() {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).notBeforeTime(Date.from(Fixture.NOW.plusSeconds(61))).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.TOKEN_NOT_YET_VALID);
    }

    @Test
    void validateWhenNotBeforeWithinSkewThenAccepted() {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).notBeforeTime(Date.from(Fixture.NOW.plusSeconds(60))).build();
        assertThat(f.validator.validate(f.sign(c)).notBefore()).isEqualTo(Fixture.NOW.plusSeconds(60));
    }

    @Test
    void validateWhenIssuedInTheFutureThenNotYetValid() {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).issueTime(Date.from(Fixture.NOW.plusSeconds(120)))
                .expirationTime(Date.from(Fixture.NOW.plusSeconds(600))).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.TOKEN_NOT_YET_VALID);
    }

    @Test
    void validateWhenLifetimeLongerThanTypeAllowsThenLifetimeExceeded() {
        JWTClaimsSet c = f.claims(TokenType.WEBHOOK_VERIFICATION).expirationTime(Date.from(Fixture.NOW.plusSeconds(3600))).build();
        JWSHeader h = f.header(TokenType.WEBHOOK_VERIFICATION).build();
        assertCode(() -> f.validator.validate(f.sign(h, c)), ErrorCode.LIFETIME_EXCEEDED);
    }

    @Test
    void issueWhenLifetimeLongerThanTypeAllowsThenRefused() {
        TechnicalToken t = TechnicalToken.builder().type(TokenType.WEBHOOK_VERIFICATION).expiration("1h").subject("s").build();
        assertThatThrownBy(() -> f.issuer.issue(t)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expiration 1h exceeds the maximum of 15m for WEBHOOK_VERIFICATION");
    }

    // --- issuer and audience ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"https://auth.example.com/", "https://AUTH.example.com", "HTTPS://auth.example.com", "https://evil.example.com"})
    void validateWhenIssuerDiffersInAnyWayThenIssuerMismatch(String iss) {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).issuer(iss).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.ISSUER_MISMATCH);
    }

    @Test
    void validateWhenIssuerMissingThenIssuerMismatch() {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).issuer(null).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.ISSUER_MISMATCH);
    }

    @Test
    void validateWhenAudienceIsOurStringThenAccepted() {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).audience(Fixture.AUDIENCE).build();
        assertThat(f.validator.validate(f.sign(c)).audience()).containsExactly(Fixture.AUDIENCE);
    }

    @Test
    void validateWhenAudienceArrayHoldsOursThenAccepted() {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).audience(List.of("other-api", Fixture.AUDIENCE)).build();
        assertThat(f.validator.validate(f.sign(c)).audience()).containsExactly("other-api", Fixture.AUDIENCE);
    }

    @Test
    void validateWhenAudienceArrayLacksOursThenAudienceMismatch() {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).audience(List.of("other-api", "documents-api-2")).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.AUDIENCE_MISMATCH);
    }

    @Test
    void validateWhenAudienceMissingThenAudienceMismatch() {
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).audience((String) null).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.AUDIENCE_MISMATCH);
    }

    // --- token types ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TokenType.class)
    void validateWhenAnotherTypeIsRequiredThenTypeMismatch(TokenType type) {
        String jwt = f.issue(type, "READ");
        assertThat(f.validator.validate(jwt, TokenRequirement.of(type)).type()).isEqualTo(type);
        for (TokenType other : TokenType.values()) {
            if (other != type) {
                assertCode(() -> f.validator.validate(jwt, TokenRequirement.of(other)), ErrorCode.TOKEN_TYPE_MISMATCH);
            }
        }
    }

    @Test
    void validateWhenTypHeaderAndTypeClaimDisagreeThenTypeMismatch() {
        JWTClaimsSet c = f.claims(TokenType.SYSTEM_OPERATION).build();
        JWSHeader h = f.header(TokenType.API_ACCESS).build();
        assertCode(() -> f.validator.validate(f.sign(h, c)), ErrorCode.TOKEN_TYPE_MISMATCH);
    }

    @Test
    void validateWhenTypIsPlainJwtThenTypeMismatch() {
        JWSHeader h = f.header(TokenType.API_ACCESS).type(com.nimbusds.jose.JOSEObjectType.JWT).build();
        assertCode(() -> f.validator.validate(f.sign(h, f.claims(TokenType.API_ACCESS).build())), ErrorCode.TOKEN_TYPE_MISMATCH);
    }

    @Test
    void validateWhenTypMissingThenTypeMismatch() {
        JWSHeader h = f.header(TokenType.API_ACCESS).type(null).build();
        assertCode(() -> f.validator.validate(f.sign(h, f.claims(TokenType.API_ACCESS).build())), ErrorCode.TOKEN_TYPE_MISMATCH);
    }

    @Test
    void validateWhenTypHasApplicationPrefixOrOtherCaseThenAccepted() {
        JWSHeader h = f.header(TokenType.API_ACCESS).type(new com.nimbusds.jose.JOSEObjectType("application/AT+JWT")).build();
        assertThat(f.validator.validate(f.sign(h, f.claims(TokenType.API_ACCESS).build())).type()).isEqualTo(TokenType.API_ACCESS);
    }

    // --- algorithms and keys -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void validateWhenAlgNoneInAnyCaseThenAlgorithmNotAllowed(String none) {
        String header = b64("{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"" + f.keys.activeKeyId() + "\"}");
        String payload = b64(f.claims(TokenType.API_ACCESS).build().toString());
        assertCode(() -> f.validator.validate(header + "." + payload + ".sig"), ErrorCode.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void validateWhenSignatureStrippedThenSignatureInvalid() {
        String jwt = f.issue(TokenType.API_ACCESS);
        String stripped = jwt.substring(0, jwt.lastIndexOf('.') + 1);
        assertCode(() -> f.validator.validate(stripped), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void validateWhenSignatureFromAnotherKeyWithSameKidThenSignatureInvalid() {
        Fixture other = new Fixture();
        String forged = Fixture.sign(f.header(TokenType.API_ACCESS).build(), f.claims(TokenType.API_ACCESS).build(),
                other.keys.signingKey().signer());
        assertCode(() -> f.validator.validate(forged), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void validateWhenPayloadTamperedThenSignatureInvalid() {
        String jwt = f.issue(TokenType.API_ACCESS, "READ");
        String[] p = jwt.split("\\.");
        String payload = b64(new Base64URL(p[1]).decodeToString().replace("\"READ\"", "\"ADMIN\""));
        assertCode(() -> f.validator.validate(p[0] + "." + payload + "." + p[2]), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void validateWhenHs256SignedWithServersRsaPublicKeyThenAlgorithmNotAllowed() throws Exception {
        Fixture rsa = new Fixture(SigningAlgorithm.RS256);
        RSAKey pub = ((RSAKey) rsa.keys.publicJwkSet().getKeys().get(0));
        byte[] secret = pub.toRSAPublicKey().getEncoded();
        JWSHeader h = rsa.header(TokenType.API_ACCESS).build();
        JWSHeader confused = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(h.getKeyID()).type(h.getType()).build();
        String forged = Fixture.sign(confused, rsa.claims(TokenType.API_ACCESS).build(), new MACSigner(secret));
        assertCode(() -> rsa.validator.validate(forged), ErrorCode.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void validateWhenHs256SignedWithServersEcPublicKeyThenAlgorithmNotAllowed() throws Exception {
        ECKey pub = (ECKey) f.keys.publicJwkSet().getKeys().get(0);
        byte[] secret = pub.toECPublicKey().getEncoded();
        JWSHeader confused = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(pub.getKeyID())
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build();
        String forged = Fixture.sign(confused, f.claims(TokenType.API_ACCESS).build(), new MACSigner(secret));
        assertCode(() -> f.validator.validate(forged), ErrorCode.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void validateWhenAlgIsNotTheKeysThenAlgorithmNotAllowed() {
        // ES384 header on a key pinned to ES256: refused before any signature work
        JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(f.keys.activeKeyId())
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build();
        String token = b64(h.toString()) + "." + b64(f.claims(TokenType.API_ACCESS).build().toString()) + ".c2ln";
        assertCode(() -> f.validator.validate(token), ErrorCode.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void validateWhenKidUnknownThenKeyUnknown() {
        JWSHeader h = f.header(TokenType.API_ACCESS).keyID("no-such-key").build();
        assertCode(() -> f.validator.validate(f.sign(h, f.claims(TokenType.API_ACCESS).build())), ErrorCode.KEY_UNKNOWN);
    }

    @Test
    void validateWhenKidMissingThenKeyUnknown() {
        JWSHeader h = f.header(TokenType.API_ACCESS).keyID(null).build();
        assertCode(() -> f.validator.validate(f.sign(h, f.claims(TokenType.API_ACCESS).build())), ErrorCode.KEY_UNKNOWN);
    }

    @Test
    void validateWhenUnknownCritThenMalformed() {
        JWSHeader h = f.header(TokenType.API_ACCESS).criticalParams(Set.of("exp-policy")).customParam("exp-policy", 1).build();
        assertCode(() -> f.validator.validate(f.sign(h, f.claims(TokenType.API_ACCESS).build())), ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void validateWhenJkuOrX5uPointElsewhereThenIgnoredAndOurKeyDecides() throws Exception {
        try (CountingServer server = new CountingServer()) {
            JWSHeader h = f.header(TokenType.API_ACCESS).jwkURL(server.uri()).x509CertURL(server.uri()).build();
            // signed with our key: still valid, and nothing was fetched
            assertThat(f.validator.validate(f.sign(h, f.claims(TokenType.API_ACCESS).build())).subject()).isEqualTo("user123");
            // signed with the attacker's key that jku points to: refused, and nothing was fetched
            Fixture attacker = new Fixture();
            String forged = Fixture.sign(h, f.claims(TokenType.API_ACCESS).build(), attacker.keys.signingKey().signer());
            assertCode(() -> f.validator.validate(forged), ErrorCode.SIGNATURE_INVALID);
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void validateWhenEmbeddedJwkIsTheAttackersKeyThenNotTrusted() {
        Fixture attacker = new Fixture();
        ECKey attackerPublic = (ECKey) attacker.keys.publicJwkSet().getKeys().get(0);
        JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(attackerPublic.getKeyID()).jwk(attackerPublic)
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build();
        String forged = Fixture.sign(h, f.claims(TokenType.API_ACCESS).build(), attacker.keys.signingKey().signer());
        assertCode(() -> f.validator.validate(forged), ErrorCode.KEY_UNKNOWN);
        // and with our kid but the attacker's embedded key and signature
        JWSHeader ours = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(f.keys.activeKeyId()).jwk(attackerPublic)
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build();
        String forged2 = Fixture.sign(ours, f.claims(TokenType.API_ACCESS).build(), attacker.keys.signingKey().signer());
        assertCode(() -> f.validator.validate(forged2), ErrorCode.SIGNATURE_INVALID);
    }

    // --- shape -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"abc.def", "a.b.c.d", "a.b.c.d.e", "abc", "..", "a..b.c"})
    void validateWhenNotThreeSegmentsThenMalformed(String token) {
        assertCode(() -> f.validator.validate(token), ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void validateWhenFiveSegmentsLikeAnEncryptedJwtThenMalformedNamingJwe() {
        String jwt = f.issue(TokenType.API_ACCESS);
        assertThatThrownBy(() -> f.validator.validate(jwt + ".a.b")).hasMessageContaining("encrypted JWTs are not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/", "=", " ", "%", "\n", "é"})
    void validateWhenNonBase64UrlCharacterThenMalformed(String bad) {
        String jwt = f.issue(TokenType.API_ACCESS);
        int at = jwt.indexOf('.') + 5;
        assertCode(() -> f.validator.validate(jwt.substring(0, at) + bad + jwt.substring(at + 1)), ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void validateWhenOverSizeCapThenTooLargeBeforeParsing() {
        String huge = "x".repeat(8 * 1024 + 1);   // not even a JWT: parsing would say MALFORMED
        assertCode(() -> f.validator.validate(huge), ErrorCode.TOKEN_TOO_LARGE);
        JWTClaimsSet c = f.claims(TokenType.API_ACCESS).claim("pad", "p".repeat(9000)).build();
        assertCode(() -> f.validator.validate(f.sign(c)), ErrorCode.TOKEN_TOO_LARGE);
    }

    @Test
    void validateWhenNullOrEmptyThenTokenMissing() {
        assertCode(() -> f.validator.validate(null), ErrorCode.TOKEN_MISSING);
        assertCode(() -> f.validator.validate(""), ErrorCode.TOKEN_MISSING);
    }

    @Test
    void validateWhenHeaderIsTenThousandDeepThenMalformedWithoutStackOverflow() {
        TokenValidator big = TokenValidator.builder().keys(f.keys).issuer(Fixture.ISSUER).audience(Fixture.AUDIENCE)
                .clock(f.clock).maxTokenSize(65536).build();
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String header = b64("{\"alg\":\"ES256\",\"x\":" + deep + "}");
        assertCode(() -> big.validate(header + ".e30.c2ln"), ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void validateWhenSignedClaimsAreTenThousandDeepThenMalformedWithoutStackOverflow() {
        TokenValidator big = TokenValidator.builder().keys(f.keys).issuer(Fixture.ISSUER).audience(Fixture.AUDIENCE)
                .clock(f.clock).maxTokenSize(65536).build();
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String header = b64(f.header(TokenType.API_ACCESS).build().toString());
        String payload = b64(f.claims(TokenType.API_ACCESS).build().toString().replaceFirst("\\{", "{\"deep\":" + deep + ","));
        String signingInput = header + "." + payload;
        String sig;
        try {
            sig = f.keys.signingKey().signer().sign(f.header(TokenType.API_ACCESS).build(),
                    signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toString();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        assertCode(() -> big.validate(signingInput + "." + sig), ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void validateWhenHeaderIsNotJsonThenMalformed() {
        assertCode(() -> f.validator.validate(b64("not json") + ".e30.c2ln"), ErrorCode.TOKEN_MALFORMED);
    }

    // --- claim shapes ------------------------------------------------------------------------------

    @Test
    void validateWhenSubjectOrJtiMissingThenMalformed() {
        assertCode(() -> f.validator.validate(f.sign(f.claims(TokenType.API_ACCESS).subject(null).build())), ErrorCode.TOKEN_MALFORMED);
        assertCode(() -> f.validator.validate(f.sign(f.claims(TokenType.API_ACCESS).jwtID(null).build())), ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void validateWhenScopeIsNotASpaceDelimitedStringThenMalformed() {
        assertCode(() -> f.validator.validate(f.sign(f.claims(TokenType.API_ACCESS).claim("scope", List.of("READ")).build())),
                ErrorCode.TOKEN_MALFORMED);
        assertCode(() -> f.validator.validate(f.sign(f.claims(TokenType.API_ACCESS).claim("scope", "READ  WRITE").build())),
                ErrorCode.TOKEN_MALFORMED);
    }

    @Test
    void validateWhenMetadataIsNotAnObjectThenMalformed() {
        assertCode(() -> f.validator.validate(f.sign(f.claims(TokenType.API_ACCESS).claim("metadata", "x").build())),
                ErrorCode.TOKEN_MALFORMED);
        assertCode(() -> f.validator.validate(f.sign(f.claims(TokenType.API_ACCESS).claim("bindings", List.of(1)).build())),
                ErrorCode.TOKEN_MALFORMED);
    }

    // --- builder -----------------------------------------------------------------------------------

    @Test
    void builderWhenSkewAboveFiveMinutesThenRefusedNamingTheValue() {
        assertThatThrownBy(() -> TokenValidator.builder().clockSkew(Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clockSkew must be between 0 and 5 minutes, was PT6M");
    }

    @Test
    void builderWhenIssuerMissingThenSaysHowToFix() {
        assertThatThrownBy(() -> TokenValidator.builder().keys(f.keys).audience("a").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("call issuer(");
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A local HTTP server that counts requests, to prove that nothing is fetched. */
    static final class CountingServer implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;
        private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

        CountingServer() throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                requests.incrementAndGet();
                ex.sendResponseHeaders(404, -1);
                ex.close();
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
