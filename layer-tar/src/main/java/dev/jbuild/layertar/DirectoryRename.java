package dev.jbuild.layertar;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Publishing a finished directory by rename(2) where another process may publish the same content at
 * the same moment (content-addressed diffs, snapshots, cache directories): whoever renames second finds
 * the target there and keeps the first one's copy.
 */
public final class DirectoryRename {
    private DirectoryRename() {
    }

    /**
     * Renames {@code source} to {@code target} unless {@code target} already exists.
     *
     * @return false when {@code target} was already there; {@code source} is then left for the caller to
     *     delete
     * @throws AtomicMoveNotSupportedException the two are on different file systems
     */
    public static boolean renameIfAbsent(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            throw e;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            return false;
        } catch (FileSystemException e) {
            // rename(2) onto a non-empty directory fails with ENOTEMPTY (or EEXIST), which the JDK's atomic
            // move reports as a plain FileSystemException "Directory not empty": the target is what tells.
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw e;
        }
    }
}
