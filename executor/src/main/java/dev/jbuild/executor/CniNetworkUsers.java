package dev.jbuild.executor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Who uses the CNI bridge network right now, across processes: every attached step holds a shared lock on
 * {@code <state>/users.lock}, and whoever finds nobody left (the exclusive lock free) takes the network
 * down: the bridge, the configuration, the address pool's files. A step being attached waits for that to
 * finish and sets the network up again. A killed process's locks go with it.
 *
 * <p>Java's file locks belong to the JVM (and a POSIX lock goes when any descriptor of the file closes), so
 * the steps of one JVM share one channel and one lock, counted here.
 */
final class CniNetworkUsers {
    private static final Map<Path, CniNetworkUsers> OPEN = new HashMap<>();

    /** Takes the network down; called with nobody attached anywhere. */
    @FunctionalInterface
    interface Teardown {
        void run() throws IOException;
    }

    private final FileChannel channel;
    private FileLock shared;
    private int users;

    private CniNetworkUsers(FileChannel channel) {
        this.channel = channel;
    }

    private static CniNetworkUsers of(Path state) throws IOException {
        synchronized (OPEN) {
            CniNetworkUsers users = OPEN.get(state);
            if (users == null) {
                Files.createDirectories(state);
                users = new CniNetworkUsers(FileChannel.open(state.resolve("users.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE));
                OPEN.put(state, users);
            }
            return users;
        }
    }

    /** Counts one more user; blocks while another process takes the network down. */
    static void join(Path state) throws IOException {
        CniNetworkUsers users = of(state);
        synchronized (users) {
            if (users.users == 0) {
                users.shared = users.channel.lock(0, Long.MAX_VALUE, true);
            }
            users.users++;
        }
    }

    /** Counts one user less, and takes the network down when it was the last one of every process. */
    static void leave(Path state, Teardown teardown) throws IOException {
        CniNetworkUsers users = of(state);
        synchronized (users) {
            if (--users.users > 0) {
                return;
            }
            users.shared.release();
            users.shared = null;
            users.teardownIfIdle(teardown);
        }
    }

    /** Takes the network down if no process uses it (after a crash, say); does nothing otherwise. */
    static void teardownIfIdle(Path state, Teardown teardown) throws IOException {
        CniNetworkUsers users = of(state);
        synchronized (users) {
            if (users.users == 0) {
                users.teardownIfIdle(teardown);
            }
        }
    }

    private void teardownIfIdle(Teardown teardown) throws IOException {
        FileLock alone = channel.tryLock(0, Long.MAX_VALUE, false);
        if (alone == null) {
            return; // another process has a step attached
        }
        try {
            teardown.run();
        } finally {
            alone.release();
        }
    }
}
