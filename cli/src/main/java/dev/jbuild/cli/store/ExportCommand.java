package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.store.ImageExporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code jbuild export IMAGE [-o FILE]}: the image's flattened file system as one tar. A file is
 * written beside its destination and renamed into place, so a failed export leaves no half tar.
 */
public final class ExportCommand extends StoreCommand {

    static final OptionSpec<Path> OUTPUT = OptionSpec.single(Converters.PATH, "-o", "--output").withLabel("FILE")
            .withDescription("Write to FILE instead of stdout.");
    static final PositionalSpec IMAGE = PositionalSpec.required("IMAGE")
            .withDescription("Image name, reference or ID (prefix).");

    public static final CommandSpec SPEC = CommandSpec.of("export",
                    "Export an image's flattened file system as a tar archive.")
            .withOptions(OUTPUT)
            .withPositionals(IMAGE);

    private final Path output;
    private final String image;

    public ExportCommand(ParsedArgs args) {
        this.output = args.value(OUTPUT);
        this.image = args.positional(IMAGE);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        ImageRecord record = store.image(image);
        ImageExporter exporter = new ImageExporter(store);
        if (output == null) {
            exporter.export(record, context.out());
            context.out().flush();
            return ExitCode.OK;
        }
        Path target = output.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + ".jbuild-" + ProcessHandle.current().pid());
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                exporter.export(record, out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return ExitCode.OK;
    }
}
