package dev.tokengate.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathCanonicalizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"/public/..;/admin", "/public/%2e%2e/admin", "/public/%2E%2E/admin", "/./admin", "//admin",
        "/admin%2Fusers", "/admin%2fusers", "/admin%5cusers", "/admin%0a", "/admin%0d", "/admin%00", "/admin\\users",
        "/public/../admin", "/public/./admin", "/admin//users", "/;x/admin", "/admin%25", "/admin%3bx", "/admin%2",
        "/admin%zz", "/adm in", "/admin\u00e9", "/admin\n", "admin", "", "/admin%c3%28", "/admin/.%2e", "/admin/%2e"})
    void segmentsWhenNotCanonicalThenInvalidRequest(String raw) {
        assertThatThrownBy(() -> PathCanonicalizer.segments(raw))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/admin|admin",
        "/admin/|admin",
        "/admin;jsessionid=x|admin",
        "/admin;/|admin",
        "/admin;a=b/users;c|admin,users",
        "/api/documents/doc-1|api,documents,doc-1",
        "/api/documents/caf%C3%A9|api,documents,caf\u00e9",
        "/%61dmin|admin",
        "/a/b%20c|a,b c",
    })
    void segmentsWhenCanonicalThenDecodedSegments(String raw, String expected) {
        assertThat(PathCanonicalizer.segments(raw)).containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/;jsessionid=1"})
    void segmentsOfRootThenEmpty(String raw) {
        assertThat(PathCanonicalizer.segments(raw)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/app/admin|/app|admin", "/app;x=1/admin|/app|admin", "/app|/app|''"})
    void segmentsInsideContextThenContextRemoved(String raw, String context, String expected) {
        List<String> segs = PathCanonicalizer.segments(raw, context, false);
        assertThat(String.join(",", segs)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/other/admin", "/APP/admin", "/ap"})
    void segmentsOutsideContextThenInvalidRequest(String raw) {
        assertThatThrownBy(() -> PathCanonicalizer.segments(raw, "/app", false))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @org.junit.jupiter.api.Test
    void segmentsWhenIgnoringCaseThenContextMatchesAnyCase() {
        assertThat(PathCanonicalizer.segments("/APP/Admin", "/app", true)).containsExactly("Admin");
    }
}
