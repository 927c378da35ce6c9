package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jbuild tag SOURCE TARGET}: another name for an image. */
@Command(name = "tag", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
public final class TagCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        store.tag(source, target);
        return ExitCode.OK;
    }
}
