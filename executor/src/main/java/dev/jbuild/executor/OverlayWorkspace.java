package dev.jbuild.executor;

import dev.jbuild.layertar.Change;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** An overlay mount with its own upper directory; see {@link OverlayDriver}. */
final class OverlayWorkspace implements Workspace {
    private final Path dir;
    private final Path upper;
    private final Path merged;
    private final LowerStack lowers;
    private boolean mounted = true;
    private boolean closed;
    private final ShutdownCleanup.Action onShutdown = this::close;

    OverlayWorkspace(Path dir, Path upper, Path merged, LowerStack lowers) {
        this.dir = dir;
        this.upper = upper;
        this.merged = merged;
        this.lowers = lowers;
        ShutdownCleanup.registerWorkspace(onShutdown);
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
    public synchronized void close() throws StorageException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            unmount();
            Trees.removeLeased(dir);
        } catch (IOException e) {
            throw new StorageException("cannot remove the overlay workspace " + dir + ": " + e.getMessage(), e);
        } finally {
            // Only now: a shutdown hook that still sees us waits on this monitor until we are done.
            ShutdownCleanup.unregisterWorkspace(onShutdown);
        }
    }

    private void unmount() throws IOException {
        if (mounted) {
            Mounts.unmount(merged);
            mounted = false;
        }
    }

    private void requireOpen() throws StorageException {
        if (closed) {
            throw new StorageException("workspace " + dir + " is closed");
        }
    }
}
