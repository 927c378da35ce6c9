package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayStack;
import dev.jbuild.layertar.Change;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A private copy of the merged lowers; see {@link VfsDriver}. */
final class VfsWorkspace extends LeasedWorkspace {
    private final Path rootfs;
    private List<Change> changes;

    VfsWorkspace(Path dir, Path rootfs, OverlayStack lowers) {
        super("vfs", dir, lowers);
        this.rootfs = rootfs;
        registerForShutdown();
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
}
