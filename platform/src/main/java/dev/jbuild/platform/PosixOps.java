package dev.jbuild.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The few POSIX operations the JDK does not offer: reading every extended attribute namespace
 * (the JDK only sees {@code user.*}), writing non-user attributes, and creating device nodes, FIFOs
 * and symlinks with byte-exact targets. Ownership, modes with setuid/setgid/sticky bits and symlink
 * times need no help: the JDK's {@code unix:} attribute view does them without following links.
 *
 * <p>{@link #system()} implements it with libc calls.
 */
public interface PosixOps {

    /**
     * The extended attributes of {@code root} and of everything below it, not following symlinks,
     * keyed by path relative to root ("" for root itself, '/' as separator). Files that have none
     * are absent from the map.
     */
    Map<String, Map<String, byte[]>> readXattrsRecursively(Path root) throws IOException;

    /** Like {@link #readXattrsRecursively} but only for the given paths (relative to root), not descending. */
    Map<String, Map<String, byte[]>> readXattrs(Path root, Collection<String> relativePaths) throws IOException;

    /**
     * Sets one attribute on {@code file} itself (a symlink is not followed).
     *
     * @return false when the file system refuses this attribute (not supported, not permitted)
     */
    boolean setXattr(Path file, String name, byte[] value) throws IOException;

    void makeFifo(Path path) throws IOException;

    void makeDevice(Path path, boolean block, int major, int minor) throws IOException;

    /**
     * Sets atime and mtime of a FIFO or device node without opening it. The JDK's setTimes opens
     * the file first, which blocks forever on a FIFO and may have side effects on a device.
     */
    void setSpecialFileTimes(Path path, long epochSeconds) throws IOException;

    /** Creates a symlink whose target is exactly {@code target}, byte for byte (the JDK would normalise "a//b/"). */
    void makeSymlink(Path link, String target) throws IOException;

    /** libc calls through jffi ({@link LibC}). */
    static PosixOps system() {
        return new SystemPosixOps();
    }
}
