package dev.jbuild.cli.registry;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.registry.ImagePusher;
import dev.jbuild.registry.PushOptions;
import dev.jbuild.registry.PushResult;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.TransferListener;
import dev.jbuild.store.Compression;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.Reference;
import java.io.IOException;

/** {@code jbuild push NAME [--compress gzip|zstd|none] [-q]}: an image of the store to its registry. */
public final class PushCommand extends StoreCommand {
    static final OptionSpec<String> COMPRESS = OptionSpec.single("--compress").withLabel("ALGORITHM")
            .withDefault("gzip")
            .withDescription("Compression for layers the store holds uncompressed (built layers): gzip, zstd or "
                    + "none (default: gzip). Layers pulled compressed are pushed as they are.");
    static final OptionSpec<Boolean> QUIET = OptionSpec.flag("-q", "--quiet")
            .withDescription("Print only NAME@DIGEST, no progress.");
    static final PositionalSpec NAME = PositionalSpec.required("NAME")
            .withDescription("Image to push, named as in the registry: REGISTRY/REPOSITORY[:TAG].");

    public static final CommandSpec SPEC = CommandSpec.of("push", "Upload an image to a registry.")
            .withOptions(COMPRESS, QUIET, RegistryOptions.REGISTRY_CA)
            .withPositionals(NAME);

    private final String name;
    private final String compress;
    private final boolean quiet;
    private final RegistryOptions registry;

    public PushCommand(ParsedArgs args) {
        this.name = args.positional(NAME);
        this.compress = args.value(COMPRESS);
        this.quiet = args.flag(QUIET);
        this.registry = new RegistryOptions(args);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        PushOptions options = PushOptions.defaults().withCompression(compression(compress));
        try (Registries registries = registry.registries(context);
             TransferProgress progress = new TransferProgress(context.out(), Terminals.isTerminal(context))) {
            TransferListener listener = quiet ? TransferListener.NONE : progress;
            PushResult result = new ImagePusher(store, registries, listener)
                    .push(name, Reference.parse(name), options);
            if (quiet) {
                context.out().println(result.reference().repository().withDigest(result.digest()).familiarString());
            }
            return ExitCode.OK;
        } catch (RegistryException e) {
            throw new UserError(e.getMessage(), e);
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
