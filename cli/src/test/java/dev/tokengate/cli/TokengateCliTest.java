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
        assertThat(wrongType.out()).isEqualTo("INVALID TOKEN_TYPE_MISMATCH" + System.lineSeparator());

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
    void verifyWhenJwksUrlUnreachableThenKeysUnavailableExitOne() {
        Path keys = keys("ES256");
        String token = run("token", "issue", "--keys", keys.toString(), "--type", "API_ACCESS").out().trim();
        Run r = run("token", "verify", token, "--jwks-url", "http://127.0.0.1:1/.well-known/jwks.json");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("INVALID KEYS_UNAVAILABLE" + System.lineSeparator());
    }

    @Test
    void inspectWhenClaimsAreTenThousandDeepThenMalformedNotACrash() {
        String deep = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Run r = run("token", "inspect", "eyJhbGciOiJFUzI1NiJ9." + deep + ".c2ln");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("TOKEN_MALFORMED");
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

    @Test
    void webhookSignThenVerifyWhenSameBytesThenValidAndTamperedExitsOne() throws Exception {
        Path body = dir.resolve("body.json");
        Files.writeString(body, "{\"event\":\"document.signed\"}");
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Run signed = run("webhook", "sign", "--scheme", "standard", "--secret", secret, "--body-file", body.toString(),
                "--id", "msg_1", "--timestamp", "1700000000");
        assertThat(signed.status()).isZero();
        String[] headers = signed.out().trim().split("\\R");
        assertThat(headers).hasSize(3);
        assertThat(headers[0]).isEqualTo("webhook-id: msg_1");

        Run ok = run("webhook", "verify", "--scheme", "standard", "--secret", secret, "--header", headers[0], "--header", headers[1],
                "--header", headers[2], "--body-file", body.toString(), "--now", "1700000100");
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).isEqualTo("VALID STANDARD id=msg_1 timestamp=1700000000" + System.lineSeparator());

        Files.writeString(body, "{\"event\":\"document.signed\" }");
        Run tampered = run("webhook", "verify", "--scheme", "standard", "--secret", secret, "--header", headers[0], "--header",
                headers[1], "--header", headers[2], "--body-file", body.toString(), "--now", "1700000100");
        assertThat(tampered.status()).isEqualTo(1);
        assertThat(tampered.err()).startsWith("WEBHOOK_SIGNATURE_INVALID");
    }

    @Test
    void webhookVerifyWhenPublishedGithubVectorThenValidAndStaleStandardExitsOne() throws Exception {
        Path body = dir.resolve("hello.txt");
        Files.writeString(body, "Hello, World!");
        Run ok = run("webhook", "verify", "--scheme", "github", "--secret", "It's a Secret to Everybody", "--header",
                "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                "--body-file", body.toString());
        assertThat(ok.status()).isZero();
        Run stale = run("webhook", "verify", "--scheme", "standard", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "--header", "webhook-id: m", "--header", "webhook-timestamp: 1614265330", "--header", "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "--body-file", body.toString(), "--now", "1614265331", "--tolerance", "0");
        assertThat(stale.status()).isEqualTo(1);
        assertThat(stale.err()).startsWith("WEBHOOK_TIMESTAMP_INVALID");
        assertThat(run("webhook", "sign", "--scheme", "svix", "--secret", "x", "--body-file", body.toString()).err())
                .contains("unknown scheme 'svix'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"keys generate", "token issue", "token inspect", "token verify", "keys", "token",
        "webhook", "webhook sign", "webhook verify"})
    void helpWhenAskedOnAnyCommandThenUsageAndExitZero(String command) {
        String[] args = (command + " --help").split(" ");
        Run r = run(args);
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: tokengate " + command);
    }
}
