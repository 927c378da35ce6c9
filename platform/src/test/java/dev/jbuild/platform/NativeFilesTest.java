package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner, mode and times set by one system call each, read back through the JDK. */
class NativeFilesTest {
    @TempDir
    Path dir;

    @Test
    void ownerAndTimesOfASymlinkAreItsOwnNotItsTargets() throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "t");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target.getFileName());
        FileTime linkTime = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));

        NativeFiles.chown(link, 1234, 5678);
        NativeFiles.setTimes(link, linkTime);

        assertEquals(1234, attribute(link, "unix:uid"));
        assertEquals(5678, attribute(link, "unix:gid"));
        assertEquals(linkTime, Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, attribute(target, "unix:uid"));
        assertNotEquals(linkTime, Files.getLastModifiedTime(target));
    }

    @Test
    void modeKeepsSpecialBitsAndIgnoresFileTypeBits() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "f");
        Path directory = Files.createDirectory(dir.resolve("d"));

        NativeFiles.chmod(file, 0104750);
        NativeFiles.chmod(directory, 01777);

        assertEquals(04750, attribute(file, "unix:mode") & 07777);
        assertEquals(01777, attribute(directory, "unix:mode") & 07777);
    }

    @Test
    void failuresNameTheCallThePathAndErrno() {
        Path missing = dir.resolve("missing");

        IOException failure = assertThrows(IOException.class, () -> NativeFiles.chown(missing, 0, 0));

        assertEquals("lchown " + missing + ": No such file or directory (errno 2)", failure.getMessage());
    }

    @Test
    void devicesFifosAndSymlinksAreMadeAsTheCoreutilsMakeThem() throws Exception {
        PosixOps posix = PosixOps.system();
        posix.makeDevice(dir.resolve("ours"), false, 259, 300_000);
        Process mknod = new ProcessBuilder("mknod", dir.resolve("theirs").toString(), "c", "259", "300000").start();
        assertEquals(0, mknod.waitFor());
        posix.makeFifo(dir.resolve("pipe"));
        posix.makeSymlink(dir.resolve("link"), "a//b/../");
        posix.setSpecialFileTimes(dir.resolve("pipe"), 1_000_000_000L);

        assertEquals(Files.getAttribute(dir.resolve("theirs"), "unix:rdev"), Files.getAttribute(dir.resolve("ours"), "unix:rdev"));
        assertEquals(0020000, attribute(dir.resolve("ours"), "unix:mode") & 0170000);
        assertEquals(0010000, attribute(dir.resolve("pipe"), "unix:mode") & 0170000);
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(dir.resolve("pipe"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("a//b/../", readLinkBytes(dir.resolve("link")));
        assertThrows(IOException.class, () -> posix.makeFifo(dir.resolve("pipe")));
    }

    /** The JDK normalises the Path it returns; readlink(1) shows the bytes. */
    private static String readLinkBytes(Path link) throws Exception {
        Process readlink = new ProcessBuilder("readlink", link.toString()).start();
        String target = new String(readlink.getInputStream().readAllBytes()).strip();
        assertEquals(0, readlink.waitFor());
        return target;
    }

    private static int attribute(Path path, String name) throws IOException {
        return (Integer) Files.getAttribute(path, name, LinkOption.NOFOLLOW_LINKS);
    }
}
