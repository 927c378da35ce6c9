package dev.jbuild.builder.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The port through which {@link Outputs} writes a save archive: offline-transfer's saver implements it
 * and the CLI wires it in, so the builder never imports offline-transfer (as with the registry's ports).
 */
public interface ImageArchiveWriter {

    /** @param names tags or image IDs in the store, as {@code jbuild save} takes them */
    void write(List<String> names, OutputTarget.ArchiveFormat format, OutputStream out) throws IOException;

    /** Written whole or not at all: a failure leaves no partial file at {@code file}. */
    void write(List<String> names, OutputTarget.ArchiveFormat format, Path file) throws IOException;
}
