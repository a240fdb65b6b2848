package dev.tokengate.jaxrs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenGateFeatureBuilderTest {

    @Test
    void buildWithoutValidatorThenIllegalStateSayingHowToFix() {
        assertThatThrownBy(() -> TokenGateFeature.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("validator(TokenValidator)");
    }

    @Test
    void realmWithQuoteIsRejectedAtOnce() {
        assertThatThrownBy(() -> TokenGateFeature.builder().realm("a\"b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realm");
    }

    @Test
    void retryAfterOutOfRangeIsRejectedAtOnce() {
        assertThatThrownBy(() -> TokenGateFeature.builder().retryAfterSeconds(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryAfterSeconds");
    }

    @Test
    void nullUnannotatedPolicyIsRejected() {
        assertThatThrownBy(() -> TokenGateFeature.builder().unannotatedMethods(null)).isInstanceOf(NullPointerException.class);
    }
}
