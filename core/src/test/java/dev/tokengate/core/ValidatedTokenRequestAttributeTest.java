package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidatedTokenRequestAttributeTest {

    @Test
    void requestAttributeIsTheQualifiedClassNameSoAdaptersAgreeOnIt() {
        // the servlet and JAX-RS adapters hand the token over under this exact name; changing it breaks reuse
        assertThat(ValidatedToken.REQUEST_ATTRIBUTE).isEqualTo("dev.tokengate.core.ValidatedToken")
                .isEqualTo(ValidatedToken.class.getName());
    }
}
