package dev.jbuild.platform;

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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extended attributes through the libc binding: buffers out, errno and its text, read back through real calls. */
class XattrsTest {
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
    void aTreesAttributesAreKeyedByRelativePathWithoutFollowingSymlinks() throws IOException {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Path nested = Files.createDirectories(tree.resolve("a/b"));
        Path file = Files.writeString(nested.resolve("f"), "f");
        Files.writeString(tree.resolve("plain"), "no attributes");
        Path outside = Files.writeString(dir.resolve("outside"), "o");
        Xattrs.set(outside, "user.outside", new byte[] {9});
        Files.createSymbolicLink(tree.resolve("link"), outside);
        Xattrs.set(tree, "user.root", new byte[] {1});
        Xattrs.set(file, "user.file", new byte[] {2, 0, 3});
        PosixOps posix = PosixOps.system();

        Map<String, Map<String, byte[]>> all = posix.readXattrsRecursively(tree);
        Map<String, Map<String, byte[]>> some = posix.readXattrs(tree, List.of("a/b/f", "plain", ""));

        assertEquals(Set.of("", "a/b/f"), all.keySet());
        assertArrayEquals(new byte[] {2, 0, 3}, all.get("a/b/f").get("user.file"));
        assertArrayEquals(new byte[] {1}, all.get("").get("user.root"));
        assertEquals(Set.of("", "a/b/f"), some.keySet());
        assertThrows(IOException.class, () -> posix.readXattrs(tree, List.of("missing")));
    }

    @Test
    void namespacesAFileSystemRefusesAreReportedAsRefusedNotAsErrors() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("anywhere"));

        assertFalse(PosixOps.system().setXattr(link, "user.comment", new byte[] {1}));
        assertTrue(PosixOps.system().setXattr(Files.writeString(dir.resolve("f"), "f"), "trusted.mark", new byte[] {1}));
    }
}
