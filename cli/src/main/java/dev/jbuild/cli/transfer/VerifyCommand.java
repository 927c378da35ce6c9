package dev.jbuild.cli.transfer;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.ExpansionLimit;
import dev.jbuild.transfer.ImageLoader;
import dev.jbuild.transfer.SignatureVerdict;
import dev.jbuild.transfer.SigningKeys;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild verify -i FILE --key KEY.pub}: checks an archive as {@code load --verify} would,
 * loading nothing; one line per image, exit 0 only when every image is verified.
 */
public final class VerifyCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("verify",
                "Check the signatures (and integrity) of the images in an archive without loading them.");
        Commands.options(spec,
                Args.file("FILE", "-i", "--input").required(true).description("The archive ('-' for stdin)."),
                Args.value(Path.class, Converters.PATH, "KEY", "--key").required(true)
                        .description("ECDSA P-256 public key (PEM)."));
        return spec;
    }

    private final String input;
    private final Path key;

    public VerifyCommand(ParsedArgs args) {
        this.input = args.value("--input");
        this.key = args.value("--key");
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        var publicKey = SigningKeys.readPublic(key);
        List<SignatureVerdict> verdicts;
        try (InputStream in = open(context)) {
            verdicts = new ImageLoader(store).verify(in, publicKey, ExpansionLimit.DEFAULT);
        }
        verdicts.forEach(verdict -> context.out().println(verdict.line()));
        return verdicts.stream().allMatch(SignatureVerdict::verified) ? ExitCode.OK : ExitCode.FAILED;
    }

    private InputStream open(Context context) throws IOException {
        if (input.equals("-")) {
            return context.stdin() == System.in ? new FileInputStream(FileDescriptor.in) : context.stdin();
        }
        Path file = Path.of(input);
        if (!Files.exists(file)) {
            throw new UserError("open " + input + ": no such file or directory");
        }
        return Files.newInputStream(file);
    }
}
