package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libc binding: arguments in, buffers out, errno and its text, read back through real system calls. */
class NativeCallsTest {
    @TempDir
    Path dir;

    @Test
    void attributeValuesLargerThanTheFirstBufferComeBackWhole() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        byte[] value = new byte[2000];
        Arrays.fill(value, (byte) 'v');
        value[1999] = 0; // values are bytes, not C strings
        Xattrs.set(file, "user.big", value);
        Xattrs.set(file, "user.small", "s".getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> all = Xattrs.readAll(file);

        assertEquals(List.of("user.big", "user.small"), List.copyOf(all.keySet()));
        assertArrayEquals(value, all.get("user.big"));
        assertArrayEquals("s".getBytes(StandardCharsets.UTF_8), all.get("user.small"));
    }

    @Test
    void manyAttributeNamesOverflowTheFirstListBuffer() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        for (int i = 0; i < 60; i++) {
            Xattrs.set(file, "user.attribute-with-a-long-name-" + i, new byte[] {(byte) i});
        }

        Map<String, byte[]> all = Xattrs.readAll(file);

        assertEquals(60, all.size());
        assertArrayEquals(new byte[] {59}, all.get("user.attribute-with-a-long-name-59"));
    }

    @Test
    void missingAttributesAreAbsentNotErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");

        assertNull(Xattrs.get(file, "user.none"));
        assertFalse(Xattrs.remove(file, "user.none"));
        Xattrs.set(file, "user.once", new byte[] {1});
        assertTrue(Xattrs.remove(file, "user.once"));
        assertEquals(Map.of(), Xattrs.readAll(file));
    }

    @Test
    void failedCallsCarryErrnoAndItsText() {
        Path missing = dir.resolve("missing");

        Native.NativeCallException failure = assertThrows(Native.NativeCallException.class,
                () -> Xattrs.set(missing, "user.a", new byte[] {1}));

        assertEquals(Native.ENOENT, failure.errno());
        assertEquals("lsetxattr(user.a) " + missing + ": No such file or directory (errno 2)", failure.getMessage());
    }

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
