package dev.jbuild.cli.registry;

import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.Terminals;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.registry.ImageLocator;
import dev.jbuild.registry.ImagePuller;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.TransferListener;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild pull NAME [--platform P] [-q]}: an image from its registry into the store. The manifest
 * is fetched on a second thread while the store opens: setting up the HTTP client and its first
 * request take longer than opening the store, and neither needs the other.
 */
public final class PullCommand implements CliCommand {
    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("pull", "Download an image from a registry.");
        Commands.options(spec,
                Args.value("OS/ARCH[/VARIANT]", "--platform")
                        .description("Which image of a multi-platform index to pull (default: this machine's)."),
                Args.flag("-q", "--quiet").description("Print only the image's name, no progress."),
                RegistryOptions.registryCa());
        spec.addPositional(Args.required(0, "NAME")
                .description("Image to pull: NAME[:TAG|@DIGEST] (docker.io/library/ is assumed as Docker does).").build());
        return spec;
    }

    private final String name;
    private final String platform;
    private final boolean quiet;
    private final RegistryOptions registry;

    public PullCommand(ParsedArgs args) {
        this.name = args.positional(0);
        this.platform = args.value("--platform");
        this.quiet = args.flag("--quiet");
        this.registry = new RegistryOptions(args);
    }

    @Override
    public int call(Context context) throws IOException {
        Platform wanted;
        try {
            wanted = platform == null ? Platform.host() : Platform.parse(platform);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        Reference reference = Reference.parse(name);
        try (Registries registries = registry.registries(context);
             TransferProgress progress = new TransferProgress(context.out(), Terminals.redrawsStdout(context))) {
            TransferListener listener = quiet ? TransferListener.NONE : progress;
            ImageLocator.Pending located = new ImageLocator(registries, listener).start(reference, wanted);
            try (ImageStore store = StoreCommand.openStore(context)) {
                new ImagePuller(store, registries, listener).pull(located.join());
            } finally {
                located.cancel();
            }
            context.out().println(reference); // Docker's last line, and all that -q prints
            return ExitCode.OK;
        }
    }
}
