package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code jbuild inspect IMAGE...}: a JSON array shaped like {@code docker image inspect}; missing images fail after the rest are printed. */
public final class InspectCommand extends StoreCommand {

    static final PositionalSpec IMAGE = PositionalSpec.oneOrMore("IMAGE")
            .withDescription("Image name, reference or ID (prefix).");

    public static final CommandSpec SPEC = CommandSpec.of("inspect", "Show images as Docker-shaped JSON.")
            .withPositionals(IMAGE);

    private final List<String> images;

    public InspectCommand(ParsedArgs args) {
        this.images = args.positionals(IMAGE);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        List<ImageRecord> found = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String query : images) {
            try {
                ImageRecord image = store.image(query);
                sizes.add(store.layerSizes().total(image));
                found.add(image);
            } catch (StoreException e) {
                errors.add(e.getMessage());
            }
        }
        context.out().println(InspectJson.array(found, sizes));
        errors.forEach(error -> context.err().println("jbuild: " + error));
        return errors.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
