package dev.tokengate.cli;

import dev.tokengate.core.KeyRing;
import dev.tokengate.core.SigningAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage signing keys.",
        subcommands = {KeysCommand.Generate.class})
final class KeysCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a JWK set holding one new private key (owner-only file permissions).")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--alg", defaultValue = "ES256",
                description = "HS256, HS384, HS512, RS256, PS256, ES256 or EdDSA (default: ${DEFAULT-VALUE}).")
        String alg;

        @Option(names = "--kid", description = "Key id (default: random).")
        String kid;

        @Option(names = "--out", required = true, description = "The JWK set file to write.")
        Path out;

        @Option(names = "--force", description = "Overwrite an existing file.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            SigningAlgorithm algorithm = SigningAlgorithm.parse(alg);
            if (Files.exists(out) && !force) {
                throw new IllegalArgumentException("'" + out + "' exists; pass --force to overwrite it");
            }
            KeyRing ring = kid == null ? KeyRing.generate(algorithm) : KeyRing.builder().generate(algorithm, kid).build();
            ring.save(out);
            spec.commandLine().getOut().println("wrote " + algorithm + " key '" + ring.activeKeyId() + "' to " + out);
            return 0;
        }
    }
}
