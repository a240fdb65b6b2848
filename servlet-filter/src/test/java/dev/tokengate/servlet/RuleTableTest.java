package dev.tokengate.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTableTest {

    private final RuleTable table = new RuleTable(AccessRule.parseAll(TestTokens.RULES + """
            /x/{a}/c     = permitAll
            /x/b/{z}     = denyAll
            /x/**        = authenticated
            DELETE /api/documents/{id} = SYSTEM_OPERATION ADMIN
            HEAD /api/head = permitAll
            GET  /api/head = denyAll
            /    = permitAll
            """), false);

    private String target(String method, String path) {
        RuleTable.Match m = table.match(method, PathCanonicalizer.segments(path));
        return m == null ? null : m.rule().target();
    }

    @Test
    void matchWhenLiteralAndVariableThenMostSpecificWins() {
        assertThat(target("GET", "/api/documents")).isEqualTo("GET /api/documents");
        assertThat(target("GET", "/api/documents/doc-1")).isEqualTo("GET /api/documents/{id}");
        assertThat(target("GET", "/api/documents/doc-1/pages")).isEqualTo("/api/**");
        assertThat(target("GET", "/api/admin")).isEqualTo("/api/admin/**");
        assertThat(target("GET", "/api/admin/users/1")).isEqualTo("/api/admin/**");
        assertThat(target("GET", "/public")).isEqualTo("/public/**");
        assertThat(target("GET", "/")).isEqualTo("/");
        assertThat(target("GET", "/elsewhere")).isNull();
    }

    @Test
    void matchWhenLiteralBranchHasNoRuleThenBacktracksToVariableThenWildcard() {
        assertThat(target("GET", "/x/b/c")).isEqualTo("/x/b/{z}");
        assertThat(target("GET", "/x/q/c")).isEqualTo("/x/{a}/c");
        assertThat(target("GET", "/x/q/d")).isEqualTo("/x/**");
    }

    @Test
    void matchWhenMethodNotCoveredThenLessSpecificRule() {
        assertThat(target("PUT", "/api/documents")).isEqualTo("/api/**");
        assertThat(target("DELETE", "/api/documents/doc-1")).isEqualTo("DELETE /api/documents/{id}");
        assertThat(target("get", "/api/documents")).isEqualTo("/api/**");
    }

    @Test
    void matchWhenHeadThenGetRuleUnlessHeadNamed() {
        assertThat(target("HEAD", "/api/documents")).isEqualTo("GET /api/documents");
        assertThat(target("HEAD", "/api/head")).isEqualTo("HEAD /api/head");
        assertThat(target("GET", "/api/head")).isEqualTo("GET /api/head");
    }

    @Test
    void matchThenVariablesDecoded() {
        RuleTable.Match m = table.match("GET", PathCanonicalizer.segments("/api/documents/caf%C3%A9"));
        assertThat(m.variables()).isEqualTo(Map.of("id", "caf\u00e9"));
    }

    @Test
    void matchWhenCaseInsensitiveThenLiteralsIgnoreCaseAndVariablesKeepIt() {
        RuleTable ci = new RuleTable(AccessRule.parseAll(TestTokens.RULES), true);
        RuleTable.Match m = ci.match("GET", PathCanonicalizer.segments("/API/Documents/Doc-1"));
        assertThat(m.rule().target()).isEqualTo("GET /api/documents/{id}");
        assertThat(m.variables()).isEqualTo(Map.of("id", "Doc-1"));
        assertThat(ci.match("GET", PathCanonicalizer.segments("/ADMIN/secret")).rule().target()).isEqualTo("/admin/**");
        assertThat(table.match("GET", PathCanonicalizer.segments("/ADMIN/secret"))).isNull();
    }

    @Test
    void newWhenTwoRulesCoverSamePatternAndMethodThenRefusedNamingBoth() {
        assertThatThrownBy(() -> new RuleTable(AccessRule.parseAll("GET /a/{x} = permitAll\nGET,POST /a/{y} = denyAll"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /a/{x}").hasMessageContaining("GET,POST /a/{y}");
        assertThatThrownBy(() -> new RuleTable(AccessRule.parseAll("/a/** = permitAll\n/a/** = denyAll"), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleTable(AccessRule.parseAll("/Admin = permitAll\n/admin = denyAll"), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RuleTable(AccessRule.parseAll("/Admin = permitAll\n/admin = denyAll"), false).size()).isEqualTo(2);
    }

    @Test
    void matchWithThousandRulesFindsEachRule() {
        List<AccessRule> rules = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rules.add(AccessRule.parse("GET /service" + (i % 50) + "/items" + i + "/{id} = API_ACCESS READ"));
        }
        RuleTable big = new RuleTable(rules, false);
        for (int i = 0; i < 1000; i += 37) {
            RuleTable.Match m = big.match("GET", Arrays.asList("service" + (i % 50), "items" + i, "x"));
            assertThat(m.rule().target()).isEqualTo("GET /service" + (i % 50) + "/items" + i + "/{id}");
        }
        assertThat(big.match("GET", Arrays.asList("service1", "items2", "x"))).isNull();
    }
}
