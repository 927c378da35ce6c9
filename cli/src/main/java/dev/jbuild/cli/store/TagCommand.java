package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.store.ImageStore;
import java.io.IOException;

/** {@code jbuild tag SOURCE TARGET}: another name for an image. */
public final class TagCommand extends StoreCommand {

    static final PositionalSpec SOURCE = PositionalSpec.required("SOURCE_IMAGE[:TAG]");
    static final PositionalSpec TARGET = PositionalSpec.required("TARGET_IMAGE[:TAG]");

    public static final CommandSpec SPEC = CommandSpec.of("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
            .withPositionals(SOURCE, TARGET);

    private final String source;
    private final String target;

    public TagCommand(ParsedArgs args) {
        this.source = args.positional(SOURCE);
        this.target = args.positional(TARGET);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        store.tag(source, target);
        return ExitCode.OK;
    }
}
