package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoundTripTest {

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void issueThenValidateWhenAnySupportedAlgorithmThenSameClaims(SigningAlgorithm alg) throws Exception {
        Fixture f = new Fixture(alg);
        String jwt = f.issuer.issue(TechnicalToken.builder().type(TokenType.SYSTEM_OPERATION).expiration("PT1H")
                .scope("ADMIN").subject("ops").metadata("n", 1).build());

        JWSObject parsed = JWSObject.parse(jwt);
        assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo(alg.name());
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(f.keys.activeKeyId());
        assertThat(parsed.getHeader().getType().getType()).isEqualTo("system-operation+jwt");

        ValidatedToken t = f.validator.validate(jwt, TokenRequirement.of(TokenType.SYSTEM_OPERATION).requireScope("READ"));
        assertThat(t.subject()).isEqualTo("ops");
        assertThat(t.scopes()).containsExactly("ADMIN");
        assertThat(t.effectiveScopes()).containsExactlyInAnyOrder("ADMIN", "WRITE", "READ");
        assertThat(t.metadata()).containsEntry("n", 1L);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void validateWhenSignedByAnotherKeyOfTheSameAlgorithmThenSignatureInvalid(SigningAlgorithm alg) {
        Fixture f = new Fixture(alg);
        Fixture other = new Fixture(alg);
        String forged = Fixture.sign(f.header(TokenType.API_ACCESS).build(), f.claims(TokenType.API_ACCESS).build(),
                other.keys.signingKey().signer());
        TokenValidatorTest.assertCode(() -> f.validator.validate(forged), ErrorCode.SIGNATURE_INVALID);
    }
}
