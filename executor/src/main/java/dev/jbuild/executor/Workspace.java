package dev.jbuild.executor;

import dev.jbuild.layertar.Change;
import java.nio.file.Path;
import java.util.List;

/**
 * One step's root file system and its diff. Closing unmounts and removes everything the
 * workspace made; closing twice is harmless.
 */
public interface Workspace extends AutoCloseable {

    /** The root file system to run the step on. */
    Path rootfs();

    /**
     * What changed relative to the lowers, as layer changes: added and modified paths, deletions,
     * opaque directories. Paths are relative, '/'-separated. Call it after the step has ended.
     */
    List<Change> changes() throws StorageException;

    /**
     * Where the changed files can be read, to write the layer from
     * ({@code LayerWriter.writeChanges(diffRoot(), changes(), out)}): the upper directory for
     * overlay, the root file system for vfs.
     */
    Path diffRoot();

    /**
     * Stores the diff at {@code target} (which must not exist) in overlay format, so that it can be
     * a lower directory of later workspaces. The workspace cannot be used afterwards, except to be
     * closed.
     */
    void saveDiff(Path target) throws StorageException;

    @Override
    void close() throws StorageException;
}
