package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild tag SOURCE TARGET}: another name for an image. */
public final class TagCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.");
        spec.addPositional(Args.required(0, "SOURCE_IMAGE[:TAG]").completionCandidates(Args.IMAGE_NAMES).build());
        spec.addPositional(Args.required(1, "TARGET_IMAGE[:TAG]").build());
        return spec;
    }

    private final String source;
    private final String target;

    public TagCommand(ParsedArgs args) {
        this.source = args.positional(0);
        this.target = args.positional(1);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        store.tag(source, target);
        return ExitCode.OK;
    }
}
