package dev.tokengate.benchmarks;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tokengate.core.TokenType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The peer baseline: Spring Security's {@link NimbusJwtDecoder} built the way its reference
 * documentation shows for each key kind, with its default validators (timestamps with 60 s skew)
 * plus issuer, audience and the {@code at+jwt} type.
 */
final class SpringDecoders {

    private SpringDecoders() {
    }

    static NimbusJwtDecoder of(Fixtures f) {
        NimbusJwtDecoder decoder;
        try {
            if (f.jwk instanceof OctetSequenceKey k) {
                decoder = NimbusJwtDecoder.withSecretKey(k.toSecretKey("HmacSHA256")).macAlgorithm(MacAlgorithm.HS256)
                        .jwtProcessorCustomizer(SpringDecoders::acceptAtJwt).build();
            } else if (f.jwk instanceof RSAKey k) {
                decoder = NimbusJwtDecoder.withPublicKey(k.toRSAPublicKey()).signatureAlgorithm(SignatureAlgorithm.RS256)
                        .jwtProcessorCustomizer(SpringDecoders::acceptAtJwt).build();
            } else if (f.jwk instanceof ECKey) {
                decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(f.verificationJwkSet()))
                        .jwsAlgorithm(SignatureAlgorithm.ES256).jwtProcessorCustomizer(SpringDecoders::acceptAtJwt).build();
            } else {
                throw new IllegalStateException("unexpected key " + f.jwk.getKeyType());
            }
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtTypeValidator(TokenType.API_ACCESS.typ()),
                new JwtIssuerValidator(Fixtures.ISSUER),
                new JwtAudienceValidator(Fixtures.AUDIENCE)));
        return decoder;
    }

    /** Spring's documented way to accept {@code typ: at+jwt} (RFC 9068) at the nimbus level. */
    private static void acceptAtJwt(ConfigurableJWTProcessor<SecurityContext> processor) {
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(TokenType.API_ACCESS.typ())));
    }
}
