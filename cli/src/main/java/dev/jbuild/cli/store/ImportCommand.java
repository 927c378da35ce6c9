package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.builder.dispatch.ConfigChanges;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild import FILE|DIR|- [REPOSITORY[:TAG]]}: a root file system (tar, gzip tar, or a
 * directory) becomes a one-layer image; prints its ID like {@code docker import}.
 */
public final class ImportCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("import",
                "Import a root file system (tarball, gzip tarball, directory or - for stdin) as an image.");
        Commands.options(spec,
                Args.list("INSTRUCTION", "-c", "--change")
                        .description("Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, EXPOSE, "
                                + "HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR); repeatable."),
                Args.value("MESSAGE", "-m", "--message").description("Commit message for the image's history."));
        spec.addPositional(Args.files(Args.required(0, "FILE|DIR|-")).build());
        spec.addPositional(Args.optional(1, "REPOSITORY[:TAG]").build());
        return spec;
    }

    private final List<String> changes;
    private final String message;
    private final String source;
    private final String reference;

    public ImportCommand(ParsedArgs args) {
        this.changes = args.values("--change");
        this.message = args.value("--message");
        this.source = args.positional(0);
        this.reference = args.positional(1);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        UnaryOperator<ImageConfig> edits = ConfigChanges.parse(changes)::applyTo;
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
