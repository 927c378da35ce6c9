package dev.jbuild.executor;

import dev.jbuild.platform.LibC;
import dev.jbuild.platform.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A network namespace of a step's own, kept alive by a bind mount of its nsfs file onto a file in the run
 * directory, as {@code ip netns add} keeps one under {@code /run/netns}: the provider connects it before the
 * step starts, the runtime joins it by path, and unmounting the file ends it (with every interface in it)
 * once the step's processes are gone. A mount point in the run directory is also what {@link Janitor} finds
 * after a crash.
 */
final class NetworkNamespaceFile {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final long MS_BIND = 4096L;
    private static final String THREAD_NAMESPACE = "/proc/thread-self/ns/net";

    private NetworkNamespaceFile() {
    }

    /**
     * Creates a new, empty network namespace (only a loopback interface, down) bound to {@code file}.
     * unshare(2) moves only the calling thread, so this runs on a thread of its own that returns to the
     * host's namespace before it ends; no other thread of the JVM ever leaves it.
     */
    static Path create(Path file) throws IOException, InterruptedException {
        Files.createFile(file);
        IOException[] failure = new IOException[1];
        Thread thread = new Thread(() -> failure[0] = unshareAndBind(file), "jbuild-netns");
        thread.start();
        thread.join();
        if (failure[0] != null) {
            Files.deleteIfExists(file);
            throw failure[0];
        }
        return file;
    }

    private static IOException unshareAndBind(Path file) {
        LibC libc = Native.libc();
        int host = libc.open(THREAD_NAMESPACE, O_RDONLY_CLOEXEC);
        if (host < 0) {
            return Native.failure("open", Path.of(THREAD_NAMESPACE), Native.errno());
        }
        try {
            if (libc.unshare(CLONE_NEWNET) != 0) {
                return Native.failure("unshare(CLONE_NEWNET) for", file, Native.errno());
            }
            if (libc.mount(THREAD_NAMESPACE, file.toString(), "none", MS_BIND, null) != 0) {
                return Native.failure("mount --bind " + THREAD_NAMESPACE, file, Native.errno());
            }
            return null;
        } finally {
            // Back to the host's namespace; should that fail, the thread ends right after anyway, and nothing
            // else ever runs on it.
            libc.setns(host, CLONE_NEWNET);
            libc.close(host);
        }
    }

    /** Unmounts and deletes the file; the namespace ends when the last process in it has gone. */
    static void remove(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Mounts.unmount(file);
        Files.deleteIfExists(file);
    }
}
