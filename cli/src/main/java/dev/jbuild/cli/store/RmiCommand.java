package dev.jbuild.cli.store;

import dev.jbuild.builder.cache.BuildCache;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.Failures;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.RemoveResult;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild rmi IMAGE...}: untag, and delete images nothing names any more; prints Docker's
 * {@code Untagged:} and {@code Deleted:} lines. An image that fails does not stop the others.
 */
public final class RmiCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("rmi", "Remove one or more images.");
        spec.addOption(Args.flag("-f", "--force").description("Remove an image referenced in several repositories by ID.")
                .build());
        spec.addPositional(Args.oneOrMore(0, "IMAGE").completionCandidates(Args.IMAGE_NAMES)
                .description("Image name, reference or ID (prefix).").build());
        return spec;
    }

    private final boolean force;
    private final List<String> images;

    public RmiCommand(ParsedArgs args) {
        this.force = args.flag("--force");
        this.images = args.positionals(0);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        int exit = ExitCode.OK;
        Set<Digest> cacheLayers = new BuildCache(store.layout()).layerBlobs();
        for (String image : images) {
            try {
                RemoveResult result = store.remove(image, force, cacheLayers);
                result.untagged().forEach(ref -> context.out().println("Untagged: " + ref));
                for (Digest id : result.deleted()) {
                    context.out().println("Deleted: " + id);
                }
            } catch (StoreException | ImageSpecException e) {
                context.err().println(Failures.line(e));
                exit = ExitCode.FAILED;
            }
        }
        return exit;
    }
}
