package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokengateCliTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TokengateCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private Path keys(String alg) {
        Path file = dir.resolve(alg + ".json");
        assertThat(run("keys", "generate", "--alg", alg, "--kid", "k-" + alg, "--out", file.toString()).status()).isZero();
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "PS256", "EdDSA", "HS256", "HS512"})
    void issueThenVerifyWhenSameKeysThenValidAndWrongTypeExitsOneWithCode(String alg) {
        Path keys = keys(alg);
        Run issued = run("token", "issue", "--keys", keys.toString(), "--type", "API_ACCESS", "--scope", "READ",
                "--scope", "WRITE", "--ttl", "1h", "--subject", "alice", "--metadata", "env=prod", "--bind", "doc-1");
        assertThat(issued.status()).isZero();
        String token = issued.out().trim();

        Run ok = run("token", "verify", token, "--keys", keys.toString(), "--type", "API_ACCESS", "--scope", "WRITE");
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).startsWith("VALID API_ACCESS subject=alice scopes=[READ, WRITE]");

        Run wrongType = run("token", "verify", token, "--keys", keys.toString(), "--type", "SYSTEM_OPERATION");
        assertThat(wrongType.status()).isEqualTo(1);
        assertThat(wrongType.err()).startsWith("TOKEN_TYPE_MISMATCH: ");

        Run missingScope = run("token", "verify", token, "--keys", keys.toString(), "--scope", "ADMIN");
        assertThat(missingScope.status()).isEqualTo(1);
        assertThat(missingScope.err()).startsWith("INSUFFICIENT_SCOPE: ");
    }

    @Test
    void verifyWhenOtherAudienceOrKeysThenCodes() {
        Path keys = keys("ES256");
        Path other = dir.resolve("other.json");
        run("keys", "generate", "--out", other.toString());
        String token = run("token", "issue", "--keys", keys.toString(), "--type", "SYSTEM_OPERATION", "--scope", "ADMIN").out().trim();

        assertThat(run("token", "verify", token, "--keys", keys.toString(), "--audience", "elsewhere").err()).startsWith("AUDIENCE_MISMATCH");
        assertThat(run("token", "verify", token, "--keys", other.toString()).err()).startsWith("KEY_UNKNOWN");
        assertThat(run("token", "verify", token + "x", "--keys", keys.toString()).status()).isEqualTo(1);
    }

    @Test
    void inspectWhenTokenThenHeaderAndClaimsMarkedUnverified() {
        Path keys = keys("ES256");
        String token = run("token", "issue", "--keys", keys.toString(), "--type", "DOCUMENT_ACCESS", "--bind", "doc-9").out().trim();
        Run r = run("token", "inspect", token);
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("\"verified\":false", "\"typ\":\"document-access+jwt\"", "\"bindings\":[\"doc-9\"]",
                "\"iss\":\"http://localhost:8080\"", "\"aud\":\"tokengate-example\"");
        assertThat(run("token", "inspect", "not-a-token").err()).startsWith("TOKEN_MALFORMED");
    }

    @Test
    void issueWhenBadTtlOrTypeThenUsageErrorNamingTheValue() {
        Path keys = keys("ES256");
        Run ttl = run("token", "issue", "--keys", keys.toString(), "--type", "API_ACCESS", "--ttl", "0s");
        assertThat(ttl.status()).isEqualTo(2);
        assertThat(ttl.err()).contains("'0s' must be positive");
        Run type = run("token", "issue", "--keys", keys.toString(), "--type", "api");
        assertThat(type.status()).isEqualTo(2);
        assertThat(type.err()).contains("unknown token type 'api'");
    }

    @Test
    void generateWhenFileExistsThenRefusedUnlessForced() throws Exception {
        Path keys = keys("ES256");
        String before = Files.readString(keys);
        assertThat(run("keys", "generate", "--out", keys.toString()).status()).isEqualTo(2);
        assertThat(Files.readString(keys)).isEqualTo(before);
        assertThat(run("keys", "generate", "--out", keys.toString(), "--force").status()).isZero();
        assertThat(Files.readString(keys)).isNotEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keys generate", "token issue", "token inspect", "token verify", "keys", "token"})
    void helpWhenAskedOnAnyCommandThenUsageAndExitZero(String command) {
        String[] args = (command + " --help").split(" ");
        Run r = run(args);
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: tokengate " + command);
    }
}
