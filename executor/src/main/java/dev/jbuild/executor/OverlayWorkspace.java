package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayStack;
import dev.jbuild.layertar.Change;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** An overlay mount with its own upper directory; see {@link OverlayDriver}. */
final class OverlayWorkspace extends LeasedWorkspace {
    private final Path upper;
    private final Path merged;
    private boolean mounted = true;

    OverlayWorkspace(Path dir, Path upper, Path merged, OverlayStack lowers) {
        super("overlay", dir, lowers);
        this.upper = upper;
        this.merged = merged;
        registerForShutdown();
    }

    @Override
    public Path rootfs() {
        return merged;
    }

    @Override
    public Path diffRoot() {
        return upper;
    }

    @Override
    public synchronized List<Change> changes() throws StorageException {
        requireOpen();
        try {
            return new OverlayDiff(upper, lowers).changes();
        } catch (IOException e) {
            throw new StorageException("cannot read the overlay diff in " + upper + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void saveDiff(Path target) throws StorageException {
        requireOpen();
        try {
            unmount();
            try {
                Files.move(upper, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Another file system: copy, keeping whiteout devices and xattrs.
                Commands.check(List.of("cp", "-a", "--reflink=auto", "--no-target-directory",
                        upper.toString(), target.toString()));
            }
        } catch (IOException e) {
            throw new StorageException("cannot save the overlay diff to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    void release() throws IOException {
        unmount();
    }

    private void unmount() throws IOException {
        if (mounted) {
            Mounts.unmount(merged);
            mounted = false;
        }
    }
}
