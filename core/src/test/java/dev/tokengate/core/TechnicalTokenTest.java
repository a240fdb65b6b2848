package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TechnicalTokenTest {

    @ParameterizedTest
    @CsvSource({"30s,PT30S", "15m,PT15M", "1h,PT1H", "7d,PT168H", "PT1H,PT1H", "P1D,PT24H", "PT0.5S,PT0.5S"})
    void expirationWhenShortOrIsoThenParsed(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0m", "PT0S", "-1h", "PT-1H", "1y", "1 h", "h", "", "1H", "10ms", "99999999999d"})
    void expirationWhenZeroNegativeOrUnparseableThenRefusedNamingTheValue(String text) {
        assertThatThrownBy(() -> TechnicalToken.builder().expiration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "must not be empty" : "'" + text + "'");
    }

    @Test
    void buildWhenTypeMissingThenSaysWhatToCall() {
        assertThatThrownBy(() -> TechnicalToken.builder().expiration("1h").subject("s").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("type is required: call type(TokenType)");
    }

    @Test
    void metadataWhenJsonCompatibleThenKeptIncludingNestedValues() {
        TechnicalToken t = TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h").subject("s")
                .metadata("env", "PRODUCTION").metadata("n", 3).metadata("ok", true).metadata("none", null)
                .metadata("list", List.of(1, "a")).metadata("obj", Map.of("k", 1.5)).build();
        assertThat(t.metadata()).containsEntry("env", "PRODUCTION").containsEntry("list", List.of(1, "a"));
        assertThatThrownBy(() -> t.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadataWhenNotJsonCompatibleThenRefusedNamingThePath() {
        assertThatThrownBy(() -> TechnicalToken.builder().metadata("when", java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.when is a Instant");
        assertThatThrownBy(() -> TechnicalToken.builder().metadata("x", List.of(Double.NaN)))
                .hasMessageContaining("metadata.x[0] is NaN");
        assertThatThrownBy(() -> TechnicalToken.builder().metadata("m", Map.of(1, "a")))
                .hasMessageContaining("keys must be strings");
    }

    @Test
    void toBuilderWhenDerivedThenVariantKeepsTheRest() {
        TechnicalToken t = TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h").subject("s").scope("READ").build();
        TechnicalToken u = t.toBuilder().scope("WRITE").build();
        assertThat(u.scopes()).containsExactly("READ", "WRITE");
        assertThat(u.subject()).isEqualTo("s");
    }
}
