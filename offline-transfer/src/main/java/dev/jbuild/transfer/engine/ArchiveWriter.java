package dev.jbuild.transfer.engine;

import java.io.IOException;
import java.io.OutputStream;

/** Writes the image archive an engine loads ({@code docker save}'s format) to a stream. */
@FunctionalInterface
public interface ArchiveWriter {
    void writeTo(OutputStream out) throws IOException;
}
