package dev.jbuild.builder.output;

import dev.jbuild.builder.BuildResult;
import dev.jbuild.builder.layers.DiffStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Writes a finished build to its output targets, as Jib's {@code Containerizer} sends one image to a
 * registry, a daemon or a tar: the engine side of {@code --output}, usable and testable without the CLI.
 */
public final class Outputs {
    private final RootfsExporter rootfs;
    private final Optional<ImageArchiveWriter> archives;

    /**
     * @param diffs the builder's layer diffs ({@code ImageBuilder.diffs()}), which the root filesystem is read from
     * @param archives writes save archives; empty when none is wired (a {@link OutputTarget.ImageArchive} then fails)
     */
    public Outputs(DiffStore diffs, Optional<ImageArchiveWriter> archives) {
        this.rootfs = new RootfsExporter(diffs);
        this.archives = archives;
    }

    /**
     * @param names what an archive is to name the image: the build's tags, or its ID when it has none
     * @param sourceDateEpoch the build's SOURCE_DATE_EPOCH, or null; clamps the times in a root filesystem tar
     */
    public void write(BuildResult result, List<String> names, Long sourceDateEpoch, OutputTarget target) throws IOException {
        if (target instanceof OutputTarget.Image) {
            return;
        }
        if (target instanceof OutputTarget.Local local) {
            rootfs.writeDirectory(result.state(), local.directory());
        } else if (target instanceof OutputTarget.RootfsTar tar) {
            if (tar.destination() instanceof OutputTarget.Destination.ToStream stream) {
                rootfs.writeTar(result.state(), sourceDateEpoch, stream.stream());
                stream.stream().flush();
            } else {
                try (OutputStream out = Files.newOutputStream(((OutputTarget.Destination.ToFile) tar.destination()).path())) {
                    rootfs.writeTar(result.state(), sourceDateEpoch, out);
                }
            }
        } else if (target instanceof OutputTarget.ImageArchive archive) {
            ImageArchiveWriter writer = archives.orElseThrow(() -> new IllegalStateException(
                    "no image archive writer is wired: type=" + archive.format().name().toLowerCase(java.util.Locale.ROOT)
                            + " cannot be written"));
            List<String> named = names.isEmpty() ? List.of(result.image().id().value()) : names;
            if (archive.destination() instanceof OutputTarget.Destination.ToStream stream) {
                writer.write(named, archive.format(), stream.stream());
                stream.stream().flush();
            } else {
                writer.write(named, archive.format(), ((OutputTarget.Destination.ToFile) archive.destination()).path());
            }
        }
    }
}
