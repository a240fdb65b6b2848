package dev.tokengate.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenExtractorTest {

    private final BearerTokenExtractor header = BearerTokenExtractor.headerOnly();

    private static void assertInvalidRequest(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def-ghi_jkl", "bearer abc.def-ghi_jkl", "BEARER abc.def-ghi_jkl", "Bearer   abc.def-ghi_jkl  "})
    void extractWhenBearerSchemeInAnyCaseThenToken(String value) {
        assertThat(header.extract(List.of(value), List.of(), List.of())).isEqualTo("abc.def-ghi_jkl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Beaver x", "fooBearer x", "BearerX", "Basic dXNlcjpwYXNz", "Token x", "Bearerx y"})
    void extractWhenNotTheBearerSchemeThenNoToken(String value) {
        assertThat(header.extract(List.of(value), List.of(), List.of())).isNull();
    }

    @Test
    void extractWhenNoHeaderThenNoToken() {
        assertThat(header.extract(List.of(), List.of(), List.of())).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc\r\nX-Injected: 1", "Bearer abc\n", "Bearer ab\u00e9c", "Bearer a\tb", "Basic x\r\n"})
    void extractWhenControlOrNonAsciiCharacterThenInvalidRequest(String value) {
        assertInvalidRequest(() -> header.extract(List.of(value), List.of(), List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer a b", "Bearer =abc", "Bearer a=b", "Bearer a\"b"})
    void extractWhenBearerWithoutWellFormedTokenThenInvalidRequest(String value) {
        assertInvalidRequest(() -> header.extract(List.of(value), List.of(), List.of()));
    }

    @Test
    void extractWhenTokenEndsWithPaddingThenAccepted() {
        assertThat(header.extract(List.of("Bearer a+b/c=="), List.of(), List.of())).isEqualTo("a+b/c==");
    }

    @Test
    void extractWhenTwoBearerHeadersThenInvalidRequest() {
        assertInvalidRequest(() -> header.extract(List.of("Bearer a", "Bearer b"), List.of(), List.of()));
    }

    @Test
    void extractWhenHeaderAndQueryThenInvalidRequestEvenWithQueryTransportOff() {
        assertInvalidRequest(() -> header.extract(List.of("Bearer a"), List.of("b"), List.of()));
        assertInvalidRequest(() -> BearerTokenExtractor.of(true, false).extract(List.of("Bearer a"), List.of("b"), List.of()));
    }

    @Test
    void extractWhenQueryOnlyThenAcceptedOnlyWhenEnabled() {
        assertThat(header.extract(List.of(), List.of("abc"), List.of())).isNull();
        assertThat(BearerTokenExtractor.of(true, false).extract(List.of(), List.of("abc"), List.of())).isEqualTo("abc");
        assertInvalidRequest(() -> BearerTokenExtractor.of(true, false).extract(List.of(), List.of("a", "b"), List.of()));
    }

    @Test
    void extractWhenFormOnlyThenAcceptedOnlyWhenEnabled() {
        assertThat(header.extract(List.of(), List.of(), List.of("abc"))).isNull();
        assertThat(BearerTokenExtractor.of(false, true).extract(List.of(), List.of(), List.of("abc"))).isEqualTo("abc");
        assertInvalidRequest(() -> BearerTokenExtractor.of(false, true).extract(List.of("Bearer a"), List.of(), List.of("b")));
    }
}
