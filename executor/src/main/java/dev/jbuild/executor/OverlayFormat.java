package dev.jbuild.executor;

import dev.jbuild.platform.Native;
import dev.jbuild.platform.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How overlayfs records deletions in a layer directory: a 0/0 character device where a path was
 * removed, and the {@code overlay.opaque} attribute ("y") on a directory that hides everything the
 * layers below had in it. Lower directories given to the drivers use this format, and so do the
 * diffs they save.
 */
final class OverlayFormat {
    static final String TRUSTED_OPAQUE = "trusted.overlay.opaque";
    static final String USER_OPAQUE = "user.overlay.opaque";
    private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);
    private static final int S_IFCHR = 0020000;

    private OverlayFormat() {
    }

    static boolean isOverlayAttribute(String name) {
        return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
    }

    /** True for a directory marked opaque; only "y" means opaque ("x" marks a directory holding xwhiteouts). */
    static boolean isOpaque(Path directory) throws IOException {
        return Arrays.equals(YES, Xattrs.get(directory, TRUSTED_OPAQUE))
                || Arrays.equals(YES, Xattrs.get(directory, USER_OPAQUE));
    }

    static void markOpaque(Path directory) throws IOException {
        Xattrs.set(directory, TRUSTED_OPAQUE, YES);
    }

    static void makeWhiteout(Path path) throws IOException {
        if (Native.libc().mknod(path.toString(), S_IFCHR, 0L) != 0) {
            throw Native.failure("mknod (whiteout)", path, Native.errno());
        }
    }
}
