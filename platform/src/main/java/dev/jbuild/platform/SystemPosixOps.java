package dev.jbuild.platform;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link PosixOps} through {@link Posix} (FIFOs, symlinks with byte-exact targets, times without opening)
 * and {@link LibC} for what jnr-posix lacks (every xattr namespace, device nodes).
 */
final class SystemPosixOps implements PosixOps {
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    @Override
    public Map<String, Map<String, byte[]>> readXattrsRecursively(Path root) throws IOException {
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        Path base = root.toAbsolutePath().normalize();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                record(base, dir, result);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                record(base, file, result);
                return FileVisitResult.CONTINUE;
            }
        });
        return result;
    }

    @Override
    public Map<String, Map<String, byte[]>> readXattrs(Path root, Collection<String> relativePaths) throws IOException {
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        Path base = root.toAbsolutePath().normalize();
        for (String relative : relativePaths) {
            record(base, relative.isEmpty() ? base : base.resolve(relative), result);
        }
        return result;
    }

    /** Adds {@code path}'s attributes under its name relative to {@code base}, when it has any. */
    private static void record(Path base, Path path, Map<String, Map<String, byte[]>> result) throws IOException {
        Map<String, byte[]> attributes = Xattrs.readAll(path);
        if (!attributes.isEmpty()) {
            result.put(base.relativize(path).toString(), attributes);
        }
    }

    @Override
    public boolean setXattr(Path file, String name, byte[] value) throws IOException {
        try {
            Xattrs.set(file, name, value);
            return true;
        } catch (Native.NativeCallException e) {
            // Linux refuses user.* on symlinks and special files, and some file systems refuse namespaces.
            if (e.errno() == Native.EPERM || e.errno() == Native.EOPNOTSUPP) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void makeFifo(Path path) throws IOException {
        Posix.mkfifo(path);
    }

    @Override
    public void makeDevice(Path path, boolean block, int major, int minor) throws IOException {
        makeNode(path, block ? S_IFBLK : S_IFCHR, deviceNumber(major, minor), "mknod");
    }

    @Override
    public void setSpecialFileTimes(Path path, long epochSeconds) throws IOException {
        Posix.setTimes(path, FileTime.from(epochSeconds, TimeUnit.SECONDS));
    }

    /**
     * The JDK writes the target it is given when its own path type keeps the text as it is (no "//", no
     * trailing "/"), which saves a short command loading jnr-posix for the symlinks of a layer; any other
     * target goes through symlink(2) byte for byte.
     */
    @Override
    public void makeSymlink(Path link, String target) throws IOException {
        if (!Posix.ready() && keptAsWritten(target)) {
            Files.createSymbolicLink(link, Path.of(target));
            return;
        }
        Posix.symlink(target, link);
    }

    private static boolean keptAsWritten(String target) {
        try {
            return Path.of(target).toString().equals(target);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** mknod(2) with mknod(1)'s mode: 0666 less the umask; the caller sets the real one. */
    private static void makeNode(Path path, int type, long device, String call) throws IOException {
        LibC libc = LibC.get();
        if (libc.mknod(path.toString(), type | 0666, device) != 0) {
            throw Native.failure(call, path, libc.errno());
        }
    }

    /** glibc's makedev: the 64-bit dev_t with major and minor split across its halves. */
    static long deviceNumber(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }
}
