package dev.jbuild.executor;

import dev.jbuild.platform.LibC;
import dev.jbuild.platform.Native;
import java.io.IOException;
import java.nio.file.Path;

/** mount(2) and umount2(2) for the host-side mounts the executor owns (overlays, tmpfs). */
final class Mounts {
    static final long MS_RDONLY = 1L;
    static final long MS_NOSUID = 2L;
    static final long MS_NODEV = 4L;
    private static final int MNT_DETACH = 2;
    private static final int BUSY_RETRIES = 20;

    private Mounts() {
    }

    static void mount(String source, Path target, String type, long flags, String data) throws IOException {
        LibC libc = Native.libc();
        if (libc.mount(source, target.toString(), type, flags, data) != 0) {
            throw Native.failure("mount -t " + type, target, Native.errno());
        }
    }

    /**
     * Unmounts {@code target}. A mount that stays busy (a process we no longer control still has a
     * file open in it) is detached instead, so that it disappears from the mount table at once and
     * the kernel frees it when the last user goes.
     */
    static void unmount(Path target) throws IOException {
        LibC libc = Native.libc();
        String path = target.toString();
        for (int attempt = 0; attempt < BUSY_RETRIES; attempt++) {
            if (libc.umount2(path, 0) == 0) {
                return;
            }
            int errno = Native.errno();
            if (errno == Native.EINVAL || errno == Native.ENOENT) {
                return; // not mounted (any more)
            }
            if (errno != Native.EBUSY && errno != Native.EINTR) {
                throw Native.failure("umount", target, errno);
            }
            sleepBriefly();
        }
        if (libc.umount2(path, MNT_DETACH) != 0) {
            int errno = Native.errno();
            if (errno != Native.EINVAL && errno != Native.ENOENT) {
                throw Native.failure("umount -l", target, errno);
            }
        }
    }

    /** Unmounts everything mounted at or below {@code dir}, deepest first. */
    static void unmountAllUnder(Path dir) throws IOException {
        for (Path point : MountTable.under(dir)) {
            unmount(point);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
