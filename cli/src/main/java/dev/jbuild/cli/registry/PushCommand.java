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
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild push NAME [--compress gzip|zstd|none] [-q]}: an image of the store to its registry. */
public final class PushCommand extends StoreCommand {
    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("push", "Upload an image to a registry.");
        Commands.options(spec,
                Args.value("ALGORITHM", "--compress").defaultValue("gzip")
                        .completionCandidates(java.util.List.of("gzip", "zstd", "none"))
                        .description("Compression for layers the store holds uncompressed (built layers): gzip, zstd or "
                                + "none (default: gzip). Layers pulled compressed are pushed as they are."),
                Args.flag("-q", "--quiet").description("Print only NAME@DIGEST, no progress."),
                RegistryOptions.registryCa());
        spec.addPositional(Args.required(0, "NAME").completionCandidates(Args.IMAGE_NAMES)
                .description("Image to push, named as in the registry: REGISTRY/REPOSITORY[:TAG].").build());
        return spec;
    }

    private final String name;
    private final String compress;
    private final boolean quiet;
    private final RegistryOptions registry;

    public PushCommand(ParsedArgs args) {
        this.name = args.positional(0);
        this.compress = args.value("--compress");
        this.quiet = args.flag("--quiet");
        this.registry = new RegistryOptions(args);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        PushOptions options = PushOptions.defaults().withCompression(compression(compress));
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
