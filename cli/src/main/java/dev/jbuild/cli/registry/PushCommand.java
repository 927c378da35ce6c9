package dev.jbuild.cli.registry;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.Terminals;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.registry.ImagePusher;
import dev.jbuild.registry.PushOptions;
import dev.jbuild.registry.PushResult;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.TransferListener;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.transfer.crypt.LayerEncryption;
import dev.jbuild.transfer.crypt.Recipient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild push NAME [--compress gzip|zstd|none] [--encrypt SCHEME:KEY]... [-q]}: an image of the store
 * to its registry, its layers encrypted for the recipients when asked (the store keeps them plain).
 */
public final class PushCommand extends StoreCommand {
    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("push", "Upload an image to a registry.");
        Commands.options(spec,
                Args.value("ALGORITHM", "--compress").defaultValue("gzip")
                        .completionCandidates(java.util.List.of("gzip", "zstd", "none"))
                        .description("Compression for layers the store holds uncompressed (built layers): gzip, zstd or "
                                + "none (default: gzip). Layers pulled compressed are pushed as they are."),
                Args.list("SCHEME:KEY", "--encrypt")
                        .description("Encrypt every layer for this recipient (OCI image encryption, as skopeo copy "
                                + "--encryption-key): jwe:PUBLIC_KEY.pem, pkcs7:CERT.pem or pgp:PUBLIC_KEY.asc; "
                                + "repeatable. The config stays readable; the image's SBOM is not pushed."),
                Args.flag("-q", "--quiet").description("Print only NAME@DIGEST, no progress."),
                RegistryOptions.registryCa());
        spec.addPositional(Args.required(0, "NAME").completionCandidates(Args.IMAGE_NAMES)
                .description("Image to push, named as in the registry: REGISTRY/REPOSITORY[:TAG].").build());
        return spec;
    }

    private final String name;
    private final String compress;
    private final boolean quiet;
    private final List<String> recipients;
    private final RegistryOptions registry;

    public PushCommand(ParsedArgs args) {
        this.name = args.positional(0);
        this.compress = args.value("--compress");
        this.quiet = args.flag("--quiet");
        this.recipients = args.values("--encrypt");
        this.registry = new RegistryOptions(args);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        PushOptions options = PushOptions.defaults().withCompression(compression(compress));
        if (!recipients.isEmpty()) {
            List<Recipient> encryptFor = new ArrayList<>();
            for (String recipient : recipients) {
                encryptFor.add(Recipient.parse(recipient));
            }
            options = options.withSealer((plain, layer, file) -> LayerEncryption.encryptToFile(plain, layer,
                    encryptFor, file));
        }
        try (Registries registries = registry.registries(context);
             TransferProgress progress = new TransferProgress(context.out(), Terminals.redrawsStdout(context))) {
            TransferListener listener = quiet ? TransferListener.NONE : progress;
            PushResult result = new ImagePusher(store, registries, listener)
                    .push(name, Reference.parse(name), options);
            if (quiet) {
                context.out().println(result.reference().repository().withDigest(result.digest()).familiarString());
            }
            return ExitCode.OK;
        }
    }

    static Compression compression(String label) {
        try {
            return Compression.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid --compress '" + label + "': use gzip, zstd or none");
        }
    }
}
