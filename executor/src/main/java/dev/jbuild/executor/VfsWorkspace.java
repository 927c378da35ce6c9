package dev.jbuild.executor;

import dev.jbuild.layertar.Change;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A private copy of the merged lowers; see {@link VfsDriver}. */
final class VfsWorkspace implements Workspace {
    private final Path dir;
    private final Path rootfs;
    private final LowerStack lowers;
    private List<Change> changes;
    private boolean closed;
    private final ShutdownCleanup.Action onShutdown = this::close;

    VfsWorkspace(Path dir, Path rootfs, LowerStack lowers) {
        this.dir = dir;
        this.rootfs = rootfs;
        this.lowers = lowers;
        ShutdownCleanup.registerWorkspace(onShutdown);
    }

    @Override
    public Path rootfs() {
        return rootfs;
    }

    @Override
    public Path diffRoot() {
        return rootfs;
    }

    @Override
    public synchronized List<Change> changes() throws StorageException {
        requireOpen();
        try {
            changes = new TreeDiff(rootfs, lowers).changes();
            return changes;
        } catch (IOException e) {
            throw new StorageException("cannot diff " + rootfs + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void saveDiff(Path target) throws StorageException {
        requireOpen();
        try {
            DiffSaver.save(rootfs, changes != null ? changes : new TreeDiff(rootfs, lowers).changes(), target);
        } catch (IOException e) {
            throw new StorageException("cannot save the diff of " + rootfs + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws StorageException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Trees.removeLeased(dir);
        } catch (IOException e) {
            throw new StorageException("cannot remove the vfs workspace " + dir + ": " + e.getMessage(), e);
        } finally {
            // Only now: a shutdown hook that still sees us waits on this monitor until we are done.
            ShutdownCleanup.unregisterWorkspace(onShutdown);
        }
    }

    private void requireOpen() throws StorageException {
        if (closed) {
            throw new StorageException("workspace " + dir + " is closed");
        }
    }
}
