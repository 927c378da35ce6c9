package dev.jbuild.cli.transfer;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.Terminals;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.ExpansionLimit;
import dev.jbuild.transfer.ImageLoader;
import dev.jbuild.transfer.LoadOptions;
import dev.jbuild.transfer.LoadedImage;
import dev.jbuild.transfer.SigningKeys;
import dev.jbuild.transfer.crypt.DecryptionKey;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild load [-i FILE|-] [--verify KEY.pub]}: loads every image of a {@code docker save} or OCI
 * archive, or nothing when any part of it is wrong, and prints Docker's {@code Loaded image:} lines.
 */
public final class LoadCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("load",
                "Load images from a tar archive (docker save, OCI archive; gzip/zstd allowed), from stdin by default.");
        Commands.options(spec,
                Args.file("FILE", "-i", "--input").description("Read from FILE ('-' for stdin)."),
                Args.flag("-q", "--quiet").description("Accepted for Docker compatibility (there is no progress output)."),
                Args.value(Path.class, Converters.PATH, "KEY", "--verify")
                        .description("Refuse the archive unless every image is signed by this ECDSA P-256 public key (PEM)."),
                Args.value(Path.class, Converters.PATH, "PRIVATE_KEY", "--decrypt")
                        .description("Decrypt encrypted layers with this key (PEM private key for jwe and pkcs7, "
                                + "OpenPGP secret key for pgp); a wrong key or an altered layer loads nothing."),
                Args.value(Long.class, "RATIO", "--max-expansion").defaultValue("1000")
                        .description("Refuse compressed data that inflates more than RATIO times (and beyond 256 MiB) as "
                                + "a decompression bomb (default: 1000)."));
        return spec;
    }

    private final String input;
    private final Path verifyKey;
    private final Path decryptionKey;
    private final long maxExpansion;

    public LoadCommand(ParsedArgs args) {
        this.input = args.value("--input");
        this.verifyKey = args.value("--verify");
        this.decryptionKey = args.value("--decrypt");
        this.maxExpansion = args.<Long>value("--max-expansion");
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        if (maxExpansion < 1) {
            throw new UserError("--max-expansion must be at least 1");
        }
        LoadOptions options = LoadOptions.defaults()
                .withExpansionLimit(new ExpansionLimit(maxExpansion, ExpansionLimit.DEFAULT.floor()));
        if (verifyKey != null) {
            options = options.withVerifyKey(SigningKeys.readPublic(verifyKey));
        }
        if (decryptionKey != null) {
            options = options.withDecryptionKey(DecryptionKey.read(decryptionKey));
        }
        List<LoadedImage> loaded;
        try (InputStream in = open(context)) {
            loaded = new ImageLoader(store).load(in, options);
        }
        for (LoadedImage image : loaded) {
            for (LoadedImage.Displaced displaced : image.displaced()) {
                context.out().println("The image " + displaced.tag().familiarString() + " already exists, renaming "
                        + "the old one with ID " + displaced.previousId() + " to empty string");
            }
            if (image.tags().isEmpty()) {
                context.out().println("Loaded image ID: " + image.id());
            }
            for (Reference tag : image.tags()) {
                context.out().println("Loaded image: " + tag.familiarString());
            }
        }
        return ExitCode.OK;
    }

    private InputStream open(Context context) throws IOException {
        if (input == null || input.equals("-")) {
            if (Terminals.stdinIsTerminal(context)) {
                throw new UserError("requested load from stdin, but stdin is empty");
            }
            return context.stdin() == System.in ? new FileInputStream(FileDescriptor.in) : context.stdin();
        }
        Path file = Path.of(input);
        if (!Files.isRegularFile(file) && !Files.exists(file)) {
            throw new UserError("open " + input + ": no such file or directory");
        }
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }
}
