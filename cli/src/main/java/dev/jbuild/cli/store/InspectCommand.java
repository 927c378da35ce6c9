package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild inspect IMAGE...}: a JSON array shaped like {@code docker image inspect}; missing images fail after the rest are printed. */
public final class InspectCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("inspect", "Show images as Docker-shaped JSON.");
        spec.addPositional(Args.oneOrMore(0, "IMAGE").description("Image name, reference or ID (prefix).").build());
        return spec;
    }

    private final List<String> images;

    public InspectCommand(ParsedArgs args) {
        this.images = args.positionals(0);
    }

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
