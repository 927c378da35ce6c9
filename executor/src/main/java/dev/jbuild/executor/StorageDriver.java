package dev.jbuild.executor;

import java.nio.file.Path;
import java.util.List;

/**
 * Gives each step a writable root file system made of read-only lower directories, and the diff
 * the step left in it (like Docker's graph drivers).
 *
 * <p>Lower directories are in overlay format: the unpacked contents of one layer each, where a
 * deleted path is a 0/0 character device and a directory that hides the layers below carries
 * {@code trusted.overlay.opaque=y}. A saved diff ({@link Workspace#saveDiff}) is in the same
 * format, so the diff of one step is a lower directory of the next.
 */
public interface StorageDriver {

    /** {@code overlay} or {@code vfs}. */
    String name();

    /**
     * A fresh workspace whose root file system shows the lowers merged (the last one on top).
     * An empty list gives an empty root ({@code FROM scratch}).
     */
    Workspace prepare(List<Path> lowerDirsBottomToTop) throws StorageException;
}
