package dev.jbuild.cli.transfer;

import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UsageException;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.transfer.SigningKeys;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild key generate [NAME]}: writes {@code NAME.key} (unencrypted PKCS#8 PEM, mode 0600)
 * and {@code NAME.pub} (PEM SubjectPublicKeyInfo), an ECDSA P-256 pair, and says so like
 * {@code cosign generate-key-pair}.
 */
public final class KeyGenerateCommand implements CliCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("generate",
                "Generate an ECDSA P-256 key pair: NAME.key (private, PEM PKCS#8) and NAME.pub (public, PEM).");
        spec.addPositional(Args.optional(0, "NAME").description("Base name of the two files (default: jbuild).").build());
        // the option this command had before NAME was a parameter, for scripts that still pass it
        spec.addOption(Args.value("NAME", "--out").hidden(true).build());
        return spec;
    }

    private final Path out;

    public KeyGenerateCommand(ParsedArgs args) {
        String name = args.positional(0);
        String option = args.value("--out");
        if (name != null && option != null) {
            throw new UsageException("give the key's NAME once: as a parameter or with --out, not both");
        }
        this.out = Path.of(name != null ? name : option != null ? option : "jbuild");
    }

    @Override
    public int call(Context context) throws IOException {
        Path[] files = SigningKeys.generateFiles(out);
        context.out().println("Private key written to " + files[0]);
        context.out().println("Public key written to " + files[1]);
        return ExitCode.OK;
    }
}
