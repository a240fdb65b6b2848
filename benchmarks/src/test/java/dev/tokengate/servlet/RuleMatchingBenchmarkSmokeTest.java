package dev.tokengate.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule-matching benchmark's setup and each method once: every path finds its own rule. No timing. */
class RuleMatchingBenchmarkSmokeTest {

    @ParameterizedTest
    @ValueSource(ints = {10, 1000})
    void ruleMatchingWhenSetUpThenEachPathMatchesTheRuleOfItsPrefix(int rules) {
        RuleMatchingBenchmark b = new RuleMatchingBenchmark();
        b.rules = rules;
        b.setUp();

        assertThat(b.matchFirst().rule().target()).isEqualTo("GET /api/r0/documents/{id}");
        assertThat(b.matchFirst().variables()).containsEntry("id", "doc-42");
        assertThat(b.matchMiddle().rule().target()).startsWith("/api/r" + rules / 2 + "/").doesNotContain("denyAll");
        assertThat(b.matchLast().rule().target()).isEqualTo("/api/r" + b.lastWildcard + "/**");
    }
}
