package dev.jbuild.builder.output;

import dev.jbuild.builder.dispatch.ImageState;
import dev.jbuild.builder.layers.DiffStore;
import dev.jbuild.executor.Workspace;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The final root filesystem of a build, for {@code --output type=local} (a directory) and
 * {@code type=tar} (the same as one tar stream), read from the layer diffs through a workspace.
 */
public final class RootfsExporter {
    private final DiffStore diffs;

    public RootfsExporter(DiffStore diffs) {
        this.diffs = diffs;
    }

    /** Writes the root filesystem as a tar (sorted, deterministic; mtimes clamped with an epoch). */
    public void writeTar(ImageState image, Long sourceDateEpoch, OutputStream out) throws IOException {
        try (Workspace workspace = diffs.workspace(image.diffIds())) {
            LayerWriter.of(new WriterOptions(sourceDateEpoch)).writeDirectory(workspace.rootfs(), out);
        }
    }

    /** Copies the root filesystem into {@code destination} (created if missing), keeping owners, modes and links. */
    public void writeDirectory(ImageState image, Path destination) throws IOException {
        Files.createDirectories(destination);
        try (Workspace workspace = diffs.workspace(image.diffIds())) {
            Process copy = new ProcessBuilder("cp", "-a", "--", workspace.rootfs() + "/.", destination.toString())
                    .redirectErrorStream(true).start();
            String message = new String(copy.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                if (copy.waitFor() != 0) {
                    throw new IOException("cannot write the root filesystem to " + destination + ": " + message.trim());
                }
            } catch (InterruptedException e) {
                copy.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing " + destination, e);
            }
        }
    }
}
