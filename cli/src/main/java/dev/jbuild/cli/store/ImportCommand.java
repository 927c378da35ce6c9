package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.store.ImageConfig;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jbuild import FILE|DIR|- [REPOSITORY[:TAG]]}: a root file system (tar, gzip tar, or a
 * directory) becomes a one-layer image; prints its ID like {@code docker import}.
 */
@Command(name = "import", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Import a root file system (tarball, gzip tarball, directory or - for stdin) as an image.")
public final class ImportCommand extends StoreCommand {

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, EXPOSE, "
                    + "HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR); repeatable.")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "Commit message for the image's history.")
    String message;

    @Parameters(index = "0", paramLabel = "FILE|DIR|-")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

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
