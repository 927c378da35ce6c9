package dev.jbuild.cli.build;

import dev.jbuild.builder.output.ImageArchiveWriter;
import dev.jbuild.builder.output.OutputTarget;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.ImageSaver;
import dev.jbuild.transfer.SaveOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The builder's {@link ImageArchiveWriter} port, served by offline-transfer's saver: one archive that is both
 * a Docker archive and an OCI layout answers both formats, as {@code jbuild save} writes it.
 */
public final class SavedArchives implements ImageArchiveWriter {
    private final ImageSaver saver;

    public SavedArchives(ImageStore store) {
        this.saver = new ImageSaver(store);
    }

    @Override
    public void write(List<String> names, OutputTarget.ArchiveFormat format, OutputStream out) throws IOException {
        saver.save(names, SaveOptions.defaults(), out);
    }

    @Override
    public void write(List<String> names, OutputTarget.ArchiveFormat format, Path file) throws IOException {
        saver.saveToFile(names, SaveOptions.defaults(), file);
    }
}
