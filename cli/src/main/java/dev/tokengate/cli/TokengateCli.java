package dev.tokengate.cli;

import dev.tokengate.core.TokenException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The tokengate operator CLI: keys, tokens and webhooks.
 *
 * <p>Exit status 0 means success (or "valid"); a failed check exits 1, prints
 * {@code INVALID <CODE>} on stdout and {@code <CODE>: <reason>} on stderr; a usage error exits 2.
 */
@Command(name = "tokengate", mixinStandardHelpOptions = true, version = "tokengate 0.1.0",
        description = "Operator tool for tokengate: keys, tokens, webhooks.",
        subcommands = {KeysCommand.class, TokenCommand.class, WebhookCommand.class, CommandLine.HelpCommand.class})
public final class TokengateCli {

    /** Exit status of a failed check (invalid token, bad signature...). */
    public static final int EXIT_INVALID = 1;

    /**
     * Runs the CLI in-process: the code path of {@code java -jar tokengate-cli.jar}.
     *
     * @param out where results go
     * @param err where errors go
     * @param args the arguments
     * @return the exit status
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TokengateCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof TokenException t) {
                // the outcome on stdout (scripts read it), the precise reason on stderr
                commandLine.getOut().println("INVALID " + t.code());
                commandLine.getErr().println(t.code() + ": " + t.getMessage());
                return EXIT_INVALID;
            }
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof java.io.IOException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * The entry point of {@code java -jar tokengate-cli.jar}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int status = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(status);
    }
}
