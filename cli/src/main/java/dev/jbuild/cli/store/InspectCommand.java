package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jbuild inspect IMAGE...}: a JSON array shaped like {@code docker image inspect}; missing images fail after the rest are printed. */
@Command(name = "inspect", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Show images as Docker-shaped JSON.")
public final class InspectCommand extends StoreCommand {

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image name, reference or ID (prefix).")
    List<String> images;

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        List<ImageRecord> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String query : images) {
            try {
                found.add(store.image(query));
            } catch (StoreException e) {
                errors.add(e.getMessage());
            }
        }
        context.out().println(InspectJson.array(found));
        errors.forEach(error -> context.err().println("jbuild: " + error));
        return errors.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
