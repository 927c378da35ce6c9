package dev.jbuild.store;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a store is opened.
 *
 * @param lockTimeout how long to wait for another process's lock before giving up with
 *     {@link StoreLockedException}
 * @param lockNoticeAfter after this long waiting, {@code lockWaitNotice} is told once (the CLI prints it)
 * @param lockWaitNotice receives a one-line message when the wait gets long; never null
 * @param keepOwnership apply layer ownership (uid/gid) when unpacking snapshots; needs root
 */
public record StoreOptions(Duration lockTimeout, Duration lockNoticeAfter, Consumer<String> lockWaitNotice,
                           boolean keepOwnership) {

    public StoreOptions {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(lockNoticeAfter, "lockNoticeAfter");
        Objects.requireNonNull(lockWaitNotice, "lockWaitNotice");
    }

    /** Wait up to 5 minutes for the lock, say nothing, keep ownership when running as root. */
    public static StoreOptions defaults() {
        return new StoreOptions(Duration.ofMinutes(5), Duration.ofSeconds(2), message -> { }, isRoot());
    }

    public StoreOptions withLockTimeout(Duration timeout) {
        return new StoreOptions(timeout, lockNoticeAfter, lockWaitNotice, keepOwnership);
    }

    public StoreOptions withLockNoticeAfter(Duration after) {
        return new StoreOptions(lockTimeout, after, lockWaitNotice, keepOwnership);
    }

    public StoreOptions withLockWaitNotice(Consumer<String> notice) {
        return new StoreOptions(lockTimeout, lockNoticeAfter, notice, keepOwnership);
    }

    public StoreOptions withKeepOwnership(boolean keep) {
        return new StoreOptions(lockTimeout, lockNoticeAfter, lockWaitNotice, keep);
    }

    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
