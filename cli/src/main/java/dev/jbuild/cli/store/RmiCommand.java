package dev.jbuild.cli.store;

import dev.jbuild.builder.cache.BuildCache;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.store.Digest;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.RemoveResult;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jbuild rmi IMAGE...}: untag, and delete images nothing names any more; prints Docker's
 * {@code Untagged:} and {@code Deleted:} lines. An image that fails does not stop the others.
 */
@Command(name = "rmi", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Remove one or more images.")
public final class RmiCommand extends StoreCommand {

    @Option(names = {"-f", "--force"}, description = "Remove an image referenced in several repositories by ID.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image name, reference or ID (prefix).")
    List<String> images;

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
            } catch (StoreException e) {
                context.err().println("jbuild: " + e.getMessage());
                exit = ExitCode.FAILED;
            }
        }
        return exit;
    }
}
