package dev.jbuild.cli.transfer;

import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.store.StoreException;
import dev.jbuild.transfer.SigningKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jbuild key generate --out NAME}: writes {@code NAME.key} (unencrypted PKCS#8 PEM, mode 0600)
 * and {@code NAME.pub} (PEM SubjectPublicKeyInfo), an ECDSA P-256 pair, and says so like
 * {@code cosign generate-key-pair}.
 */
@Command(name = "generate", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Generate an ECDSA P-256 key pair: NAME.key (private, PEM PKCS#8) and NAME.pub (public, PEM).")
public final class KeyGenerateCommand implements Callable<Integer> {

    @ParentCommand
    KeyCommand parent;

    @Option(names = "--out", required = true, paramLabel = "NAME", description = "Base name of the two files.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path[] files;
        try {
            files = SigningKeys.generateFiles(out);
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
        parent.context().out().println("Private key written to " + files[0]);
        parent.context().out().println("Public key written to " + files[1]);
        return ExitCode.OK;
    }
}
