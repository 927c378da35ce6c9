package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner, mode and times, read back through the JDK, set both ways: through jnr-posix (one system call
 * each) and through the JDK's attribute views, the path taken until jnr-posix has loaded.
 */
class EntryAttributesTest {
    @TempDir
    Path dir;

    @AfterEach
    void unpin() {
        EntryAttributes.forcePosix = null;
    }

    @ParameterizedTest(name = "jnr-posix: {0}")
    @ValueSource(booleans = {true, false})
    void ownerAndTimesOfASymlinkAreItsOwnNotItsTargets(boolean posix) throws IOException {
        EntryAttributes.forcePosix = posix;
        Path target = Files.writeString(dir.resolve("target"), "t");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target.getFileName());
        FileTime linkTime = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));

        EntryAttributes.chown(link, 1234, 5678);
        EntryAttributes.setTimes(link, linkTime);

        assertEquals(1234, attribute(link, "unix:uid"));
        assertEquals(5678, attribute(link, "unix:gid"));
        // The JDK sets a symlink's times with lutimes(3), to the microsecond; layers keep whole seconds.
        FileTime expected = posix ? linkTime : FileTime.from(Instant.parse("2001-02-03T04:05:06.123456Z"));
        assertEquals(expected, Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, attribute(target, "unix:uid"));
        assertNotEquals(linkTime, Files.getLastModifiedTime(target));
    }

    @ParameterizedTest(name = "jnr-posix: {0}")
    @ValueSource(booleans = {true, false})
    void aRegularFileKeepsNanosecondTimes(boolean posix) throws IOException {
        EntryAttributes.forcePosix = posix;
        Path file = Files.writeString(dir.resolve("f"), "f");
        FileTime time = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));

        EntryAttributes.setTimes(file, time);

        assertEquals(time, Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
    }

    @ParameterizedTest(name = "jnr-posix: {0}")
    @ValueSource(booleans = {true, false})
    void modeKeepsSpecialBitsAndIgnoresFileTypeBits(boolean posix) throws IOException {
        EntryAttributes.forcePosix = posix;
        Path file = Files.writeString(dir.resolve("f"), "f");
        Path directory = Files.createDirectory(dir.resolve("d"));

        EntryAttributes.chmod(file, 0104750);
        EntryAttributes.chmod(directory, 01777);

        assertEquals(04750, attribute(file, "unix:mode") & 07777);
        assertEquals(01777, attribute(directory, "unix:mode") & 07777);
    }

    @Test
    void failuresNameTheCallThePathAndErrno() {
        EntryAttributes.forcePosix = true;
        Path missing = dir.resolve("missing");

        IOException failure = assertThrows(IOException.class, () -> EntryAttributes.chown(missing, 0, 0));

        assertEquals("lchown " + missing + ": No such file or directory (errno 2)", failure.getMessage());
    }

    /** In a fresh JVM, where nothing has loaded jnr-posix yet: only a large batch loads it, and in the background. */
    @Test
    void onlyALargeBatchLoadsJnrPosixAndNotOnTheCallersThread() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PreloadProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes()).strip();
        assertEquals(0, child.waitFor(), output);
        assertEquals("small batch: not loaded; large batch returned before loading: true; loaded later: true", output);
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
