package dev.jbuild.executor;

import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Creating and removing the executor's own directories. */
final class Trees {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Trees() {
    }

    /** A random 12-hex-digit name, short enough for mount options and runtime container ids. */
    static String randomId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Creates {@code parent/<random id>} with mode 0700, claimed by this process. */
    static Path createLeased(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        while (true) {
            Path dir = parent.resolve(prefix + randomId());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            OwnerLease.claim(dir);
            return dir;
        }
    }

    /**
     * Unmounts whatever is mounted below {@code dir}, then deletes it without ever crossing into
     * another file system: should an unmount have failed, the contents of that mount (a build
     * context, a cache) must survive.
     */
    static void removeLeased(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Mounts.unmountAllUnder(dir);
        FileTrees.delete(dir);
    }

    /**
     * Removes a probe's leased directory (null: none was made); one that cannot be removed is left for
     * the {@link Janitor}, so that a probe's verdict does not depend on its clean-up.
     */
    static void removeLeasedOrLeave(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            removeLeased(dir);
        } catch (IOException ignored) {
            // left for the Janitor
        }
    }
}
