package dev.jbuild.cli;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Failures of the machine rather than of jbuild or its input (a full disk, a read-only mount, no file
 * descriptors left), found by the operating system's own wording anywhere in an exception's causes.
 * They are reported as one line that says what to do, not as an internal error.
 */
final class SystemErrors {
    /** strerror(3) texts, as the JDK passes them on, and how they are said here. */
    private static final Map<String, String> REASONS = Map.of(
            "No space left on device", "no space left on device",
            "Disk quota exceeded", "disk quota exceeded",
            "Read-only file system", "read-only file system",
            "Too many open files", "too many open files");

    private SystemErrors() {
    }

    /**
     * The one line to print (without the "jbuild: " prefix), or null when {@code error} is not one of
     * these. The deepest cause that matches speaks: wrappers repeat its words without its file name.
     */
    static String describe(Throwable error, Path storeRoot) {
        String line = null;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String reason = cause instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : cause.getMessage();
            if (reason == null) {
                continue;
            }
            for (Map.Entry<String, String> known : REASONS.entrySet()) {
                if (reason.equals(known.getKey()) || reason.endsWith(": " + known.getKey())) {
                    line = sentence(known.getValue(), fileOf(cause), storeRoot);
                }
            }
        }
        return line;
    }

    private static String sentence(String reason, Path file, Path storeRoot) {
        if (file != null && (storeRoot == null || !file.toAbsolutePath().startsWith(storeRoot))) {
            return reason + ": cannot write " + file;
        }
        // Without a file name the write may also have been to standard output: the store is only a hint.
        String store = storeRoot == null ? "the store" : "the store (" + storeRoot + ")";
        if (reason.equals("no space left on device") || reason.equals("disk quota exceeded")) {
            return reason + ": free some space; 'jbuild rmi' and 'jbuild prune' free what " + store + " holds";
        }
        return reason + (file == null ? " (" + store + " or an output)" : ": cannot write to " + store);
    }

    /** The file being written: a copy names its source first and its target second. */
    private static Path fileOf(Throwable cause) {
        if (!(cause instanceof FileSystemException fs)) {
            return null;
        }
        String file = fs.getOtherFile() != null ? fs.getOtherFile() : fs.getFile();
        return file == null ? null : Path.of(file);
    }
}
