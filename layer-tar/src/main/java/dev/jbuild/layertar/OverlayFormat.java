package dev.jbuild.layertar;

import dev.jbuild.platform.Native;
import dev.jbuild.platform.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * How overlayfs records deletions in a layer directory: a 0/0 character device where a path was
 * removed, and the {@code overlay.opaque} attribute ("y") on a directory that hides everything the
 * layers below had in it. The store's snapshots, the lower directories the storage drivers mount and
 * the diffs they save all use this format.
 */
public final class OverlayFormat {
    public static final String TRUSTED_OPAQUE = "trusted.overlay.opaque";
    public static final String USER_OPAQUE = "user.overlay.opaque";
    private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);
    private static final int S_IFCHR = 0020000;
    private static final int TYPE_MASK = 0170000;

    private OverlayFormat() {
    }

    /** Overlay's own bookkeeping ({@code trusted.overlay.*}, {@code user.overlay.*}): never part of an entry. */
    public static boolean isOverlayAttribute(String name) {
        return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
    }

    /** True for a directory marked opaque; only "y" means opaque ("x" marks a directory holding xwhiteouts). */
    public static boolean isOpaque(Path directory) throws IOException {
        return Arrays.equals(YES, Xattrs.get(directory, TRUSTED_OPAQUE))
                || Arrays.equals(YES, Xattrs.get(directory, USER_OPAQUE));
    }

    /**
     * Marks a directory opaque: {@code trusted.overlay.opaque}, which needs CAP_SYS_ADMIN, or else
     * {@code user.overlay.opaque}, what overlayfs reads when mounted with {@code userxattr}.
     */
    public static void markOpaque(Path directory) throws IOException {
        try {
            Xattrs.set(directory, TRUSTED_OPAQUE, YES);
        } catch (Native.NativeCallException e) {
            if (e.errno() != Native.EPERM) {
                throw e;
            }
            Xattrs.set(directory, USER_OPAQUE, YES);
        }
    }

    /** A whiteout device; since Linux 5.8 an unprivileged process may make one too. */
    public static void makeWhiteout(Path path) throws IOException {
        if (Native.libc().mknod(path.toString(), S_IFCHR, 0L) != 0) {
            throw Native.failure("mknod (whiteout)", path, Native.errno());
        }
    }

    /** Whether {@code path} is a whiteout device (false when nothing is there). */
    public static boolean isWhiteout(Path path) throws IOException {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            return isWhiteout((Integer) attributes.get("mode"), (Long) attributes.get("rdev"));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Whether an entry of this {@code st_mode} and {@code st_rdev} is a whiteout device. */
    public static boolean isWhiteout(int mode, long rdev) {
        return (mode & TYPE_MASK) == S_IFCHR && rdev == 0;
    }
}
