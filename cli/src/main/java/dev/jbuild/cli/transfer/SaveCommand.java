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
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.ImageSaver;
import dev.jbuild.transfer.SaveOptions;
import dev.jbuild.transfer.SigningKeys;
import dev.jbuild.transfer.crypt.Recipient;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild save [-o FILE|-] [--compress none|gzip|zstd] [--sign KEY] [--platform P] IMAGE...}: one tarball that
 * both {@code docker load} and OCI tools read. A file is written beside its destination and renamed
 * into place when complete ({@link ImageSaver#saveToFile}), so a failed or killed save never leaves a
 * partial file under the name. Without {@code -o}, the archive goes to stdout unless that is a terminal.
 */
public final class SaveCommand extends StoreCommand {
    private static final int OUTPUT_BUFFER = 1 << 20;

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("save",
                "Save one or more images to a tar archive (streamed to stdout by default).");
        Commands.options(spec,
                Args.file("FILE", "-o", "--output").description("Write to FILE ('-' for stdout)."),
                Args.value("ALGORITHM", "--compress").defaultValue("gzip").completionCandidates(List.of("none", "gzip", "zstd"))
                        .description("Layer compression: none (what Docker 25 writes), gzip or zstd (default: gzip)."),
                Args.value(Path.class, Converters.PATH, "KEY", "--sign")
                        .description("Sign every image with this ECDSA P-256 private key (PEM, from 'jbuild key "
                                + "generate'), cosign-compatibly."),
                Args.value("OS/ARCH[/VARIANT]", "--platform")
                        .description("Save each image's entry for this platform (one pulled from a multi-platform "
                                + "index; 'jbuild pull --platform' adds a platform to the store)."),
                Args.list("SCHEME:KEY", "--encrypt")
                        .description("Encrypt every layer for this recipient (OCI image encryption): jwe:PUBLIC_KEY.pem, "
                                + "pkcs7:CERT.pem or pgp:PUBLIC_KEY.asc; repeatable. The config stays readable."));
        spec.addPositional(Args.oneOrMore(0, "IMAGE").completionCandidates(Args.IMAGE_NAMES)
                .description("Image name, reference or ID (prefix).").build());
        return spec;
    }

    private final String output;
    private final String compress;
    private final Path signingKey;
    private final List<String> recipients;
    private final String platform;
    private final List<String> images;

    public SaveCommand(ParsedArgs args) {
        this.output = args.value("--output");
        this.compress = args.value("--compress");
        this.signingKey = args.value("--sign");
        this.recipients = args.values("--encrypt");
        this.platform = args.value("--platform");
        this.images = args.positionals(0);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        SaveOptions options = SaveOptions.defaults().withCompression(compression());
        if (platform != null) {
            options = options.withPlatform(platform());
        }
        if (signingKey != null) {
            options = options.withSigningKey(SigningKeys.readPrivate(signingKey));
        }
        List<Recipient> encryptFor = new ArrayList<>();
        for (String recipient : recipients) {
            encryptFor.add(Recipient.parse(recipient));
        }
        options = options.withRecipients(encryptFor);
        ImageSaver saver = new ImageSaver(store);
        if (output == null || output.equals("-")) {
            if (Terminals.stdoutIsTerminal(context)) {
                throw new UserError("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            }
            OutputStream out = context.out() == System.out
                    ? new FileOutputStream(FileDescriptor.out) : context.out();
            OutputStream buffered = new BufferedOutputStream(out, OUTPUT_BUFFER);
            saver.save(images, options, buffered);
            buffered.flush();
            if (context.out().checkError()) {
                throw new UserError("writing the archive to stdout failed");
            }
            return ExitCode.OK;
        }
        saver.saveToFile(images, options, Path.of(output));
        return ExitCode.OK;
    }

    /** Docker's {@code save --platform}: that platform's image of each name, which must be in the store. */
    private Platform platform() {
        try {
            return Platform.parse(platform);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private Compression compression() {
        try {
            return Compression.fromLabel(compress);
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid --compress '" + compress + "': use none, gzip or zstd");
        }
    }
}
