package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.store.ImageExporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jbuild export IMAGE [-o FILE]}: the image's flattened file system as one tar. A file is
 * written beside its destination and renamed into place, so a failed export leaves no half tar.
 */
@Command(name = "export", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Export an image's flattened file system as a tar archive.")
public final class ExportCommand extends StoreCommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Parameters(paramLabel = "IMAGE", description = "Image name, reference or ID (prefix).")
    String image;

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
