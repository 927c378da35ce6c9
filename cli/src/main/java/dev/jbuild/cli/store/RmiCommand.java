package dev.jbuild.cli.store;

import dev.jbuild.builder.cache.BuildCache;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.RemoveResult;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * {@code jbuild rmi IMAGE...}: untag, and delete images nothing names any more; prints Docker's
 * {@code Untagged:} and {@code Deleted:} lines. An image that fails does not stop the others.
 */
public final class RmiCommand extends StoreCommand {

    static final OptionSpec<Boolean> FORCE = OptionSpec.flag("-f", "--force")
            .withDescription("Remove an image referenced in several repositories by ID.");
    static final PositionalSpec IMAGE = PositionalSpec.oneOrMore("IMAGE")
            .withDescription("Image name, reference or ID (prefix).");

    public static final CommandSpec SPEC = CommandSpec.of("rmi", "Remove one or more images.")
            .withOptions(FORCE)
            .withPositionals(IMAGE);

    private final boolean force;
    private final List<String> images;

    public RmiCommand(ParsedArgs args) {
        this.force = args.flag(FORCE);
        this.images = args.positionals(IMAGE);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        int exit = ExitCode.OK;
        Set<Digest> cacheLayers = new BuildCache(store.root()).layerBlobs();
        for (String image : images) {
            try {
                RemoveResult result = store.remove(image, force, cacheLayers);
                result.untagged().forEach(ref -> context.out().println("Untagged: " + ref));
                for (Digest id : result.deleted()) {
                    context.out().println("Deleted: " + id);
                }
            } catch (StoreException | ImageSpecException e) {
                context.err().println("jbuild: " + e.getMessage());
                exit = ExitCode.FAILED;
            }
        }
        return exit;
    }
}
