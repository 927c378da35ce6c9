package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayStack;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What every driver's workspace shares: a leased directory over a stack of lowers, removed on
 * {@link #close()} (or by the shutdown hook, when the process is stopped first), and refusing use
 * once closed.
 */
abstract class LeasedWorkspace implements Workspace {
    final Path dir;
    final OverlayStack lowers;
    private final String kind;
    private boolean closed;
    private final ShutdownCleanup.Action onShutdown = this::close;

    LeasedWorkspace(String kind, Path dir, OverlayStack lowers) {
        this.kind = kind;
        this.dir = dir;
        this.lowers = lowers;
    }

    /** Called last by each subclass constructor: from then on the shutdown hook may close it. */
    final void registerForShutdown() {
        ShutdownCleanup.registerWorkspace(onShutdown);
    }

    /** Undoes what the driver set up inside the directory (a mount) before it is removed. */
    void release() throws IOException {
    }

    @Override
    public final synchronized void close() throws StorageException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            release();
            Trees.removeLeased(dir);
        } catch (IOException e) {
            throw new StorageException("cannot remove the " + kind + " workspace " + dir + ": " + e.getMessage(), e);
        } finally {
            // Only now: a shutdown hook that still sees us waits on this monitor until we are done.
            ShutdownCleanup.unregisterWorkspace(onShutdown);
        }
    }

    final void requireOpen() throws StorageException {
        if (closed) {
            throw new StorageException("workspace " + dir + " is closed");
        }
    }
}
