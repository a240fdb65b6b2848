package dev.tokengate.cli;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.KeyRing;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenRequirement;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Issue, inspect and verify tokens.",
        subcommands = {TokenCommand.Issue.class, TokenCommand.Inspect.class, TokenCommand.Verify.class})
final class TokenCommand {

    /** The example gateway's defaults for port 8080, so that both agree out of the box. */
    static final String DEFAULT_ISSUER = "http://localhost:8080";
    static final String DEFAULT_AUDIENCE = "tokengate-example";

    @Command(name = "issue", mixinStandardHelpOptions = true, description = "Print a signed token.")
    static final class Issue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--keys", required = true, description = "JWK set with the private key (from 'keys generate').")
        Path keys;

        @Option(names = "--type", required = true,
                description = "API_ACCESS, DOCUMENT_ACCESS, SIGNATURE_SESSION, WEBHOOK_VERIFICATION or SYSTEM_OPERATION.")
        String type;

        @Option(names = "--scope", description = "A scope; repeat for several.")
        List<String> scopes = new ArrayList<>();

        @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime: 30s, 15m, 1h, 7d or ISO-8601 PT1H (default: ${DEFAULT-VALUE}).")
        String ttl;

        @Option(names = "--subject", defaultValue = "cli", description = "Subject (default: ${DEFAULT-VALUE}).")
        String subject;

        @Option(names = "--issuer", defaultValue = DEFAULT_ISSUER, description = "Issuer (default: ${DEFAULT-VALUE}).")
        String issuer;

        @Option(names = "--audience", defaultValue = DEFAULT_AUDIENCE, description = "Audience (default: ${DEFAULT-VALUE}).")
        String audience;

        @Option(names = "--metadata", description = "Metadata entry key=value; repeat for several.")
        Map<String, String> metadata = Map.of();

        @Option(names = "--bind", description = "A resource id the token is bound to; repeat for several.")
        List<String> bindings = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            TokenIssuer tokenIssuer = TokenIssuer.builder().keys(KeyRing.load(keys)).issuer(issuer).audience(audience).build();
            TechnicalToken token = TechnicalToken.builder().type(TokenType.parse(type)).expiration(ttl).subject(subject)
                    .scopes(scopes).metadata(metadata).bind(bindings.toArray(String[]::new)).build();
            spec.commandLine().getOut().println(tokenIssuer.issue(token));
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Print a token's header and claims as JSON, WITHOUT verifying it.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TOKEN", description = "The token.")
        String token;

        @Override
        public Integer call() {
            String[] parts = token.trim().split("\\.", -1);
            if (parts.length != 3) {
                throw new TokenException(ErrorCode.TOKEN_MALFORMED, "a signed JWT has 3 segments, this has " + parts.length);
            }
            try {
                Map<String, Object> header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
                Map<String, Object> claims = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
                PrintWriter out = spec.commandLine().getOut();
                out.println("{\"verified\":false,\"warning\":\"signature NOT checked; use 'token verify'\",");
                out.println(" \"header\":" + JSONObjectUtils.toJSONString(header) + ",");
                out.println(" \"claims\":" + JSONObjectUtils.toJSONString(claims) + "}");
                return 0;
            } catch (ParseException | RuntimeException | StackOverflowError e) {
                throw new TokenException(ErrorCode.TOKEN_MALFORMED, "header or claims are not JSON");
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a token; exit 0 when valid, 1 with the error code when not.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TOKEN", description = "The token.")
        String token;

        @ArgGroup(exclusive = true, multiplicity = "1")
        KeysSource source;

        static final class KeysSource {
            @Option(names = "--keys", description = "JWK set file (private or public keys).")
            Path keys;

            @Option(names = "--jwks-url", description = "URL of a public JWK set, e.g. http://localhost:8080/.well-known/jwks.json.")
            String jwksUrl;
        }

        @Option(names = "--type", description = "Require this token type.")
        String type;

        @Option(names = "--scope", description = "Require this scope; repeat for several (all-of).")
        List<String> scopes = new ArrayList<>();

        @Option(names = "--issuer", defaultValue = DEFAULT_ISSUER, description = "Trusted issuer (default: ${DEFAULT-VALUE}).")
        String issuer;

        @Option(names = "--audience", defaultValue = DEFAULT_AUDIENCE, description = "Expected audience (default: ${DEFAULT-VALUE}).")
        String audience;

        @Override
        public Integer call() throws Exception {
            TokenValidator validator = TokenValidator.builder().keys(KeySources.open(source.keys, source.jwksUrl))
                    .issuer(issuer).audience(audience).build();
            TokenRequirement requirement = type == null ? TokenRequirement.anyToken() : TokenRequirement.of(TokenType.parse(type));
            if (!scopes.isEmpty()) {
                if (type == null) {
                    requirement = TokenRequirement.of(TokenType.values());
                }
                requirement = requirement.requireScope(scopes.toArray(String[]::new));
            }
            ValidatedToken t = validator.validate(token.trim(), requirement);
            spec.commandLine().getOut().println("VALID " + t.type() + " subject=" + t.subject() + " scopes=" + t.scopes()
                    + " expires=" + t.expiresAt() + " jti=" + t.id());
            return 0;
        }
    }
}
