package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.store.ImageExporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild export IMAGE [-o FILE]}: the image's flattened file system as one tar. A file is
 * written beside its destination and renamed into place, so a failed export leaves no half tar.
 */
public final class ExportCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("export", "Export an image's flattened file system as a tar archive.");
        spec.addOption(Args.value(Path.class, Converters.PATH, "FILE", "-o", "--output")
                .description("Write to FILE instead of stdout.").build());
        spec.addPositional(Args.required(0, "IMAGE").completionCandidates(Args.IMAGE_NAMES)
                .description("Image name, reference or ID (prefix).").build());
        return spec;
    }

    private final Path output;
    private final String image;

    public ExportCommand(ParsedArgs args) {
        this.output = args.value("--output");
        this.image = args.positional(0);
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
