package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor's system calls through the libc binding: mounts with null arguments, whiteout devices. */
class NativeCallsTest {
    @TempDir
    Path dir;

    @Test
    void mountPassesNullSourceAndDataAndUnmountIsQuietWhenNothingIsMounted() throws IOException {
        Path target = Files.createDirectory(dir.resolve("mnt"));
        Mounts.mount(null, target, "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV, null);
        try {
            Files.writeString(target.resolve("inside"), "on tmpfs");
            assertEquals("tmpfs", Files.getFileStore(target.resolve("inside")).type());
        } finally {
            Mounts.unmount(target);
        }
        assertFalse(Files.exists(target.resolve("inside")));
        Mounts.unmount(target); // EINVAL: not a mount point any more
    }

    @Test
    void whiteoutsAreCharacterDevicesZeroZero() throws IOException {
        Path whiteout = dir.resolve("gone");

        OverlayFormat.makeWhiteout(whiteout);

        assertEquals(0020000, (Integer) Files.getAttribute(whiteout, "unix:mode") & 0170000);
        assertEquals(0L, Files.getAttribute(whiteout, "unix:rdev"));
    }
}
