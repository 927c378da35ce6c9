package dev.jbuild.cli.transfer;

import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.store.StoreException;
import dev.jbuild.transfer.SigningKeys;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code jbuild key generate --out NAME}: writes {@code NAME.key} (unencrypted PKCS#8 PEM, mode 0600)
 * and {@code NAME.pub} (PEM SubjectPublicKeyInfo), an ECDSA P-256 pair, and says so like
 * {@code cosign generate-key-pair}.
 */
public final class KeyGenerateCommand implements CliCommand {

    static final OptionSpec<Path> OUT = OptionSpec.single(Converters.PATH, "--out").withLabel("NAME").asRequired()
            .withDescription("Base name of the two files.");

    public static final CommandSpec SPEC = CommandSpec.of("generate",
                    "Generate an ECDSA P-256 key pair: NAME.key (private, PEM PKCS#8) and NAME.pub (public, PEM).")
            .withOptions(OUT);

    private final Path out;

    public KeyGenerateCommand(ParsedArgs args) {
        this.out = args.value(OUT);
    }

    @Override
    public int call(Context context) throws IOException {
        Path[] files;
        try {
            files = SigningKeys.generateFiles(out);
        } catch (StoreException | ImageSpecException e) {
            throw new UserError(e.getMessage(), e);
        }
        context.out().println("Private key written to " + files[0]);
        context.out().println("Public key written to " + files[1]);
        return ExitCode.OK;
    }
}
