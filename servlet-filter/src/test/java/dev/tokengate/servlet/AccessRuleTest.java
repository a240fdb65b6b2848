package dev.tokengate.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.TokenRequirement;
import dev.tokengate.core.TokenType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRuleTest {

    @Test
    void parseWhenScopesThenAllOfRequirement() {
        AccessRule r = AccessRule.parse("GET,POST  /api/documents =  API_ACCESS READ WRITE");
        assertThat(r.methods()).containsExactly("GET", "POST");
        assertThat(r.kind()).isEqualTo(AccessRule.Kind.REQUIRE);
        assertThat(r.requirement(Map.of()))
                .isEqualTo(TokenRequirement.of(TokenType.API_ACCESS).requireScope("READ", "WRITE"));
    }

    @Test
    void parseWhenAlternativesWithBindingThenRequirementPerRequest() {
        AccessRule r = AccessRule.parse("GET /api/documents/{id} = API_ACCESS READ | DOCUMENT_ACCESS bind(id)");
        assertThat(r.requirement(Map.of("id", "doc-7"))).isEqualTo(TokenRequirement.of(TokenType.API_ACCESS)
                .requireScope("READ").or(TokenRequirement.of(TokenType.DOCUMENT_ACCESS).requireBinding("doc-7")));
    }

    @Test
    void parseWhenAnyOfAndSeveralTypesThenAnyOfRequirement() {
        AccessRule r = AccessRule.parse("/x = API_ACCESS+SYSTEM_OPERATION any(documents:write,ADMIN) READ");
        assertThat(r.methods()).isEmpty();
        assertThat(r.requirement(Map.of())).isEqualTo(TokenRequirement.of(TokenType.API_ACCESS, TokenType.SYSTEM_OPERATION)
                .requireScope("READ").requireAnyScope("documents:write", "ADMIN"));
    }

    @Test
    void parseWhenKeywordsThenKinds() {
        assertThat(AccessRule.parse("/public/** = permitAll").kind()).isEqualTo(AccessRule.Kind.PERMIT);
        assertThat(AccessRule.parse("/api/** = denyAll").kind()).isEqualTo(AccessRule.Kind.DENY);
        AccessRule any = AccessRule.parse("/me = authenticated");
        assertThat(any.requirement(Map.of())).isEqualTo(TokenRequirement.anyToken());
        assertThat(AccessRule.parse("/ = permitAll").segments()).isEmpty();
    }

    @Test
    void parseAllSkipsCommentsAndBlankLinesAndNamesTheBadLine() {
        assertThat(AccessRule.parseAll("# c\n\n/a = permitAll\r\n  /b = denyAll  \n")).hasSize(2);
        assertThatThrownBy(() -> AccessRule.parseAll("/a = permitAll\n\n/b = API_ACESS READ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("API_ACESS");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ~> ", quoteCharacter = '`', value = {
        "/a ~> exactly one '='",
        "/a =  ~> no access",
        "/a = permitall ~> unknown token type",
        "get /a = permitAll ~> upper-case",
        "GET,GET /a = permitAll ~> twice",
        "a = permitAll ~> '[METHODS] /pattern'",
        "GET a = permitAll ~> must start with '/'",
        "/a/ = permitAll ~> empty segment",
        "//a = permitAll ~> empty segment",
        "/a/**/b = permitAll ~> last segment",
        "/a/../b = permitAll ~> dot segment",
        "/a%2Fb = permitAll ~> '%'",
        "/a;b = permitAll ~> ';'",
        "/a* = permitAll ~> '*'",
        "/{1x} = permitAll ~> Java identifier",
        "/{id}/{id} = permitAll ~> twice",
        "/a = API_ACCESS READ |  | SYSTEM_OPERATION ~> empty alternative",
        "/a = API_ACCESS+API_ACCESS ~> twice",
        "/a = API_ACCESS bind(id) ~> names no {id}",
        "/{id} = API_ACCESS bind(id) bind(id) ~> one bind",
        "/a = API_ACCESS any(A) any(B) ~> one any",
        "/a = API_ACCESS any() ~> not a scope",
        "/a = API_ACCESS \"READ\" ~> not a scope",
        "/a = API_ACCESS bind(1) ~> path variable",
    })
    void parseWhenMalformedThenIllegalArgumentNamingTheProblem(String line, String message) {
        assertThatThrownBy(() -> AccessRule.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void requireWithFunctionThenCalledWithVariables() {
        AccessRule r = AccessRule.require("GET /docs/{id}/pages/{page}",
                vars -> TokenRequirement.of(TokenType.DOCUMENT_ACCESS).requireBinding(vars.get("id") + "#" + vars.get("page")));
        assertThat(r.variables()).containsEntry(1, "id").containsEntry(3, "page");
        assertThat(r.segments()).containsExactly("docs", null, "pages", null);
        assertThat(r.requirement(Map.of("id", "d", "page", "2")))
                .isEqualTo(TokenRequirement.of(TokenType.DOCUMENT_ACCESS).requireBinding("d#2"));
    }

    @Test
    void requireWhenFunctionReturnsNullThenIllegalState() {
        AccessRule r = AccessRule.require("/x", vars -> null);
        assertThatThrownBy(() -> r.requirement(Map.of())).isInstanceOf(IllegalStateException.class).hasMessageContaining("/x");
    }

    @Test
    void targetAndToStringNameTheRule() {
        AccessRule r = AccessRule.permitAll(" GET /health ");
        assertThat(r.target()).isEqualTo("GET /health");
        assertThat(r).hasToString("AccessRule[GET /health -> PERMIT]");
        assertThat(List.of(r.trailingWildcard(), AccessRule.permitAll("/p/**").trailingWildcard())).containsExactly(false, true);
    }
}
