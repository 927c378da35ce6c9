package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code jbuild import FILE|DIR|- [REPOSITORY[:TAG]]}: a root file system (tar, gzip tar, or a
 * directory) becomes a one-layer image; prints its ID like {@code docker import}.
 */
public final class ImportCommand extends StoreCommand {

    static final OptionSpec<String> CHANGE = OptionSpec.list("-c", "--change").withLabel("INSTRUCTION")
            .withDescription("Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, EXPOSE, "
                    + "HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR); repeatable.");
    static final OptionSpec<String> MESSAGE = OptionSpec.single("-m", "--message").withLabel("MESSAGE")
            .withDescription("Commit message for the image's history.");
    static final PositionalSpec SOURCE = PositionalSpec.required("FILE|DIR|-");
    static final PositionalSpec REFERENCE = PositionalSpec.optional("REPOSITORY[:TAG]");

    public static final CommandSpec SPEC = CommandSpec.of("import",
                    "Import a root file system (tarball, gzip tarball, directory or - for stdin) as an image.")
            .withOptions(CHANGE, MESSAGE)
            .withPositionals(SOURCE, REFERENCE);

    private final List<String> changes;
    private final String message;
    private final String source;
    private final String reference;

    public ImportCommand(ParsedArgs args) {
        this.changes = args.values(CHANGE);
        this.message = args.value(MESSAGE);
        this.source = args.positional(SOURCE);
        this.reference = args.positional(REFERENCE);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        UnaryOperator<ImageConfig> edits = ConfigChanges.parse(changes);
        ImageImporter importer = new ImageImporter(store);
        ImageRecord image;
        if (source.equals("-")) {
            image = importer.importTar(context.stdin(), "-", reference, edits, message);
        } else if (source.startsWith("http://") || source.startsWith("https://")) {
            throw new UserError("importing from a URL is not supported; download " + source + " first");
        } else {
            Path path = Path.of(source);
            if (!Files.exists(path)) {
                throw new UserError("open " + source + ": no such file or directory");
            }
            image = importer.importRootfs(path, reference, edits, message);
        }
        context.out().println(image.id());
        return ExitCode.OK;
    }
}
