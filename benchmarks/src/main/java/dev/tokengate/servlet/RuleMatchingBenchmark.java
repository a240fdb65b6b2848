package dev.tokengate.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The servlet filter's path work per request, canonicalization of the raw URI plus rule matching,
 * with 10 and with 1,000 rules. Target: 1,000 rules within 2x the time of 10.
 *
 * <p>Lives in the filter's package (a split package, benchmarks only) to reach the package-private
 * rule table without making it public.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleMatchingBenchmark {

    @Param({"10", "1000"})
    public int rules;

    RuleTable table;
    String first;
    String middle;
    String last;
    int lastWildcard;

    @Setup
    public void setUp() {
        table = table(rules);
        first = "/api/r0/documents/doc-42";
        middle = "/api/r" + rules / 2 + "/documents/doc-42";
        int k = rules - 1;
        while (k % 3 != 2) {
            k--;
        }
        lastWildcard = k;
        last = "/api/r" + k + "/documents/doc-42/pages/7";   // deep under the last ** rule
    }

    /** {@code n} rules over distinct prefixes, a mix of literal, {@code {var}} and {@code **} patterns. */
    static RuleTable table(int n) {
        List<AccessRule> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line = switch (i % 3) {
                case 0 -> "GET /api/r" + i + "/documents/{id} = API_ACCESS READ | DOCUMENT_ACCESS bind(id)";
                case 1 -> "GET,POST /api/r" + i + "/documents/{id} = API_ACCESS WRITE";
                default -> "/api/r" + i + "/** = SYSTEM_OPERATION ADMIN";
            };
            list.add(AccessRule.parse(line));
        }
        list.add(AccessRule.parse("/api/** = denyAll"));
        return new RuleTable(list, false);
    }

    static RuleTable.Match match(RuleTable table, String path) {
        return table.match("GET", PathCanonicalizer.segments(path, "", false));
    }

    @Benchmark
    public RuleTable.Match matchFirst() {
        return match(table, first);
    }

    @Benchmark
    public RuleTable.Match matchMiddle() {
        return match(table, middle);
    }

    @Benchmark
    public RuleTable.Match matchLast() {
        return match(table, last);
    }
}
