package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * What every storage driver does around its own setup of a workspace: the lowers must exist, the
 * workspace gets a fresh leased directory, and a setup that fails removes that directory again and is
 * reported as a {@link StorageException}.
 */
final class WorkspaceSetup {

    /** The driver's own part, run in the leased directory. */
    @FunctionalInterface
    interface Steps {
        Workspace setUp(Path dir) throws IOException;
    }

    private WorkspaceSetup() {
    }

    /** @param what names the workspace in the message of a failure ({@code an overlay workspace}) */
    static Workspace prepare(Path home, List<Path> lowerDirsBottomToTop, String what, Steps steps)
            throws StorageException {
        Path dir = null;
        try {
            for (Path lower : lowerDirsBottomToTop) {
                if (!Files.isDirectory(lower, LinkOption.NOFOLLOW_LINKS)) {
                    throw new StorageException("lower directory " + lower + " does not exist");
                }
            }
            dir = Trees.createLeased(home, "");
            return steps.setUp(dir);
        } catch (IOException | RuntimeException e) {
            if (dir != null) {
                try {
                    Trees.removeLeased(dir);
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e instanceof StorageException s ? s
                    : new StorageException("cannot prepare " + what + ": " + e.getMessage(), e);
        }
    }
}
