package dev.jbuild.cli.registry;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.registry.ImagePuller;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.TransferListener;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.Platform;
import dev.jbuild.store.Reference;
import java.io.IOException;

/** {@code jbuild pull NAME [--platform P] [-q]}: an image from its registry into the store. */
public final class PullCommand extends StoreCommand {
    static final OptionSpec<String> PLATFORM = OptionSpec.single("--platform").withLabel("OS/ARCH[/VARIANT]")
            .withDescription("Which image of a multi-platform index to pull (default: this machine's).");
    static final OptionSpec<Boolean> QUIET = OptionSpec.flag("-q", "--quiet")
            .withDescription("Print only the image's name, no progress.");
    static final PositionalSpec NAME = PositionalSpec.required("NAME")
            .withDescription("Image to pull: NAME[:TAG|@DIGEST] (docker.io/library/ is assumed as Docker does).");

    public static final CommandSpec SPEC = CommandSpec.of("pull", "Download an image from a registry.")
            .withOptions(PLATFORM, QUIET, RegistryOptions.REGISTRY_CA)
            .withPositionals(NAME);

    private final String name;
    private final String platform;
    private final boolean quiet;
    private final RegistryOptions registry;

    public PullCommand(ParsedArgs args) {
        this.name = args.positional(NAME);
        this.platform = args.value(PLATFORM);
        this.quiet = args.flag(QUIET);
        this.registry = new RegistryOptions(args);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        Platform wanted;
        try {
            wanted = platform == null ? Platform.host() : ImagePuller.parsePlatform(platform);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        Reference reference = Reference.parse(name);
        try (Registries registries = registry.registries(context);
             TransferProgress progress = new TransferProgress(context.out(), Terminals.isTerminal(context))) {
            TransferListener listener = quiet ? TransferListener.NONE : progress;
            new ImagePuller(store, registries, listener).pull(reference, wanted);
            context.out().println(reference); // Docker's last line, and all that -q prints
            return ExitCode.OK;
        } catch (RegistryException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}

