package dev.jbuild.platform;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import jnr.constants.platform.Errno;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.POSIXHandler;

/**
 * jbuild's POSIX layer: jnr-posix, for what the JDK does not do in one system call or at all (owner,
 * mode and times of an entry itself, FIFOs, byte-exact symlinks, the umask). {@link LibC} binds the few
 * calls jnr-posix lacks.
 *
 * <p>jnr-posix binds its whole libc interface at run time, which costs a short command far more than the
 * calls themselves, so it is loaded only by the first path that needs it, or earlier on a background
 * thread by {@link #preload} when a command knows it will. Failures come back as return codes and
 * errno, never as jnr's own exceptions or messages on the terminal.
 */
public final class Posix {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private static volatile CompletableFuture<POSIX> loading;

    private Posix() {
    }

    /** Starts loading jnr-posix on a daemon thread, so that the first call finds it ready. */
    public static void preload() {
        loader();
    }

    /** Whether jnr-posix is loaded and the calls below return at once. */
    public static boolean ready() {
        CompletableFuture<POSIX> current = loading;
        return current != null && current.isDone() && !current.isCompletedExceptionally();
    }

    /** Owner and group of the entry itself, never following a symlink. */
    public static void lchown(Path path, int uid, int gid) throws IOException {
        POSIX posix = posix();
        if (posix.lchown(path.toString(), uid, gid) != 0) {
            throw failure(posix, "lchown", path);
        }
    }

    /** Permission, setuid, setgid and sticky bits; follows symlinks, so only for entries known not to be one. */
    public static void chmod(Path path, int mode) throws IOException {
        POSIX posix = posix();
        if (posix.chmod(path.toString(), mode & 07777) != 0) {
            throw failure(posix, "chmod", path);
        }
    }

    /**
     * Access and modification time of the entry itself (a symlink's own), without opening it: the one way
     * for a FIFO (the JDK would block opening it) or a device node.
     */
    public static void setTimes(Path path, FileTime time) throws IOException {
        Instant instant = time.toInstant();
        long[] timespec = {instant.getEpochSecond(), instant.getNano()};
        POSIX posix = posix();
        if (posix.utimensat(AT_FDCWD, path.toString(), timespec, timespec, AT_SYMLINK_NOFOLLOW) != 0) {
            throw failure(posix, "utimensat", path);
        }
    }

    /** A symlink at {@code link} whose target is exactly {@code target}, byte for byte. */
    public static void symlink(String target, Path link) throws IOException {
        POSIX posix = posix();
        if (posix.symlink(target, link.toString()) != 0) {
            throw failure(posix, "symlink", link);
        }
    }

    /** A FIFO with mode {@code 0666} less the umask, as mkfifo(1) makes it; the caller sets the real mode. */
    public static void mkfifo(Path path) throws IOException {
        POSIX posix = posix();
        if (posix.mkfifo(path.toString(), 0666) != 0) {
            throw failure(posix, "mkfifo", path);
        }
    }

    /** Sets the process's umask and returns the previous one. */
    public static int umask(int mask) {
        return posix().umask(mask);
    }

    private static Native.NativeCallException failure(POSIX posix, String call, Path path) {
        int errno = posix.errno();
        return new Native.NativeCallException(call + " " + path + ": " + posix.strerror(errno) + " (errno " + errno + ")",
                errno);
    }

    private static POSIX posix() {
        return loader().join();
    }

    private static CompletableFuture<POSIX> loader() {
        CompletableFuture<POSIX> current = loading;
        if (current == null) {
            synchronized (Posix.class) {
                current = loading;
                if (current == null) {
                    current = new CompletableFuture<>();
                    loading = current;
                    CompletableFuture<POSIX> result = current;
                    Thread thread = new Thread(() -> {
                        try {
                            result.complete(POSIXFactory.getNativePOSIX(new QuietHandler()));
                        } catch (Throwable e) {
                            result.completeExceptionally(e);
                        }
                    }, "jnr-posix-loader");
                    thread.setDaemon(true);
                    thread.start();
                }
            }
        }
        return current;
    }

    /**
     * jnr-posix reports through a handler: this one keeps it silent, since every call site checks the
     * return code and errno itself and says what failed in jbuild's words.
     */
    private static final class QuietHandler implements POSIXHandler {
        @Override
        public void error(Errno error, String extraData) {
        }

        @Override
        public void error(Errno error, String methodName, String extraData) {
        }

        @Override
        public void unimplementedError(String methodName) {
            throw new UnsupportedOperationException(methodName + " is not available on this system");
        }

        @Override
        public void warn(WARNING_ID id, String message, Object... data) {
        }

        @Override
        public boolean isVerbose() {
            return false;
        }

        @Override
        public File getCurrentWorkingDirectory() {
            return new File(".").getAbsoluteFile();
        }

        @Override
        public String[] getEnv() {
            return System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public PrintStream getOutputStream() {
            return new PrintStream(OutputStream.nullOutputStream());
        }

        @Override
        public int getPID() {
            return (int) ProcessHandle.current().pid();
        }

        @Override
        public PrintStream getErrorStream() {
            return new PrintStream(OutputStream.nullOutputStream());
        }
    }
}
