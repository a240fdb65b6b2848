import dev.tokengate.core.KeyRing;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenType;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Prints N distinct API_ACCESS tokens (scope READ, 1 h), one per line, for the fresh-token wrk run.
 * Run as a single-file program on the CLI jar's classpath:
 * {@code java -cp cli/target/tokengate-cli.jar benchmarks/e2e/TokenPool.java keys.json http://localhost:18080 100000}
 */
public class TokenPool {
    public static void main(String[] args) throws Exception {
        TokenIssuer issuer = TokenIssuer.builder().keys(KeyRing.load(Path.of(args[0]))).issuer(args[1])
                .audience("tokengate-example").build();
        TechnicalToken token = TechnicalToken.builder().type(TokenType.API_ACCESS).expiration("1h").scope("READ")
                .subject("wrk").build();
        int n = Integer.parseInt(args[2]);
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16)) {
            for (int i = 0; i < n; i++) {
                out.write(issuer.issue(token));
                out.newLine();
            }
        }
    }
}
