package dev.jbuild.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extended attributes of a file itself (symlinks are not followed), in every namespace. The JDK
 * only reaches {@code user.*}; overlayfs keeps its whiteout and opaque marks in {@code trusted.*}.
 */
public final class Xattrs {
    private static final int INITIAL_BUFFER = 1024;

    private Xattrs() {
    }

    /** Every attribute of {@code file}, by name; empty when it has none or the file system has none. */
    public static Map<String, byte[]> readAll(Path file) throws IOException {
        Map<String, byte[]> values = new TreeMap<>();
        for (String name : names(file)) {
            byte[] value = get(file, name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /** The attribute's value, or null when the file does not have it. */
    public static byte[] get(Path file, String name) throws IOException {
        String path = file.toString();
        LibC libc = Native.libc();
        int size = INITIAL_BUFFER;
        while (true) {
            byte[] buffer = new byte[size];
            long length = libc.lgetxattr(path, name, buffer, buffer.length);
            if (length >= 0) {
                byte[] value = new byte[(int) length];
                System.arraycopy(buffer, 0, value, 0, value.length);
                return value;
            }
            int errno = Native.errno();
            if (errno == Native.ENODATA || errno == Native.EOPNOTSUPP) {
                return null;
            }
            if (errno != Native.ERANGE) {
                throw Native.failure("lgetxattr(" + name + ")", file, errno);
            }
            size *= 4;
        }
    }

    public static void set(Path file, String name, byte[] value) throws IOException {
        if (Native.libc().lsetxattr(file.toString(), name, value, value.length, 0) != 0) {
            throw Native.failure("lsetxattr(" + name + ")", file, Native.errno());
        }
    }

    /** Removes the attribute; returns false when the file did not have it. */
    public static boolean remove(Path file, String name) throws IOException {
        if (Native.libc().lremovexattr(file.toString(), name) == 0) {
            return true;
        }
        int errno = Native.errno();
        if (errno == Native.ENODATA || errno == Native.EOPNOTSUPP) {
            return false;
        }
        throw Native.failure("lremovexattr(" + name + ")", file, errno);
    }

    private static String[] names(Path file) throws IOException {
        String path = file.toString();
        LibC libc = Native.libc();
        int size = INITIAL_BUFFER;
        while (true) {
            byte[] buffer = new byte[size];
            long length = libc.llistxattr(path, buffer, buffer.length);
            if (length >= 0) {
                if (length == 0) {
                    return new String[0];
                }
                // NUL-separated, NUL-terminated list of names.
                String joined = new String(buffer, 0, (int) length - 1, StandardCharsets.UTF_8);
                return joined.split("\0");
            }
            int errno = Native.errno();
            if (errno == Native.EOPNOTSUPP) {
                return new String[0];
            }
            if (errno != Native.ERANGE) {
                throw Native.failure("llistxattr", file, errno);
            }
            size *= 4;
        }
    }
}
