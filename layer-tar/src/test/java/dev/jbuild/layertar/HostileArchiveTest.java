package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives built to escape the target. Each either is refused with the target left exactly as it
 * was, or (where Docker's chroot semantics make it harmless) lands inside the target; in every
 * case nothing outside the target changes.
 */
class HostileArchiveTest {
    @TempDir
    Path temp;
    Path target;
    /** A directory outside the target, with a file an attacker would like to overwrite or delete. */
    Path outside;
    Path canary;

    @BeforeEach
    void lowerTreeAndOutsideWorld() throws Exception {
        target = temp.resolve("target");
        TestTrees.write(target, "etc/passwd", "root:x:0:0:lower layer\n");
        TestTrees.write(target, "kept.txt", "kept\n");
        outside = temp.resolve("outside");
        canary = TestTrees.write(outside, "canary", "untouched\n");
    }

    private UnsafeEntryException refused(byte[] tar, ApplyOptions options) throws Exception {
        Map<String, FileState> before = TreeSnapshot.of(target);
        UnsafeEntryException refusal = assertThrows(UnsafeEntryException.class,
                () -> LayerApplier.of(options).apply(new ByteArrayInputStream(tar), target));
        assertEquals(before, TreeSnapshot.of(target), "target changed although the layer was refused");
        assertOutsideUntouched();
        assertFalse(HandTar.stagingLeftBehind(target), "staging directory left behind");
        return refusal;
    }

    private UnsafeEntryException refused(byte[] tar) throws Exception {
        return refused(tar, ApplyOptions.defaults());
    }

    private void assertOutsideUntouched() throws Exception {
        try (var files = Files.list(outside)) {
            assertEquals(1, files.count(), "something was written outside the target");
        }
        assertEquals("untouched\n", Files.readString(canary));
        assertFalse(Files.exists(temp.resolve("escaped"), LinkOption.NOFOLLOW_LINKS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escaped", "a/../../escaped", "a/b/../../../escaped", "./../escaped"})
    void dotDotComponentsAreRefused(String name) throws Exception {
        UnsafeEntryException refusal = refused(new HandTar().file("good.txt", "fine").file(name, "evil").bytes());
        assertEquals(name, refusal.entryName());
        assertTrue(refusal.getMessage().contains("'..'"), refusal.getMessage());
    }

    @Test
    void absoluteNamesAreRefused() throws Exception {
        String name = temp.resolve("escaped").toString();
        UnsafeEntryException refusal = refused(new HandTar().file(name, "evil").bytes());
        assertEquals(name, refusal.entryName());
        assertTrue(refusal.reason().contains("is absolute"), refusal.reason());
    }

    @Test
    void writingThroughASymlinkToEtcLandsInTheTargetsEtcAsInDockersChroot() throws Exception {
        String hostPasswd = Files.readString(Path.of("/etc/passwd"));
        byte[] tar = new HandTar().symlink("link", "/etc").file("link/passwd", "pwned\n").bytes();

        TestTrees.apply(tar, target);

        assertEquals("pwned\n", Files.readString(target.resolve("etc/passwd")));
        assertEquals(hostPasswd, Files.readString(Path.of("/etc/passwd")));
        assertEquals("/etc", Files.readSymbolicLink(target.resolve("link")).toString());
        assertOutsideUntouched();
    }

    @Test
    void writingThroughASymlinkToAnOutsideDirectoryIsRefusedWhenTheTargetHasNoSuchDirectory() throws Exception {
        byte[] tar = new HandTar().symlink("link", outside.toString()).file("link/pwned", "evil").bytes();
        UnsafeEntryException refusal = refused(tar);
        assertEquals("link/pwned", refusal.entryName());
        assertTrue(refusal.reason().contains("does not exist"), refusal.reason());
    }

    @Test
    void writingThroughASymlinkIsRefusedOutrightInRefuseMode() throws Exception {
        byte[] tar = new HandTar().symlink("link", "/etc").file("link/passwd", "pwned\n").bytes();
        UnsafeEntryException refusal = refused(tar,
                ApplyOptions.defaults().withSymlinkTraversal(SymlinkTraversal.REFUSE));
        assertEquals("link/passwd", refusal.entryName());
        assertTrue(refusal.reason().contains("symbolic link 'link'"), refusal.reason());
    }

    @Test
    void aSymlinkAlreadyInTheLowerTreeIsScopedToTheTargetToo() throws Exception {
        Files.createSymbolicLink(target.resolve("lower-link"), outside);
        byte[] tar = new HandTar().file("lower-link/canary", "evil").bytes();
        refused(tar);
        refused(tar, ApplyOptions.defaults().withSymlinkTraversal(SymlinkTraversal.REFUSE));
    }

    @Test
    void relativeSymlinkClimbingAboveTheRootStopsAtTheRoot() throws Exception {
        byte[] tar = new HandTar().symlink("up", "../../../../../..").file("up/escaped", "stays inside").bytes();

        TestTrees.apply(tar, target);

        assertEquals("stays inside", Files.readString(target.resolve("escaped")));
        assertOutsideUntouched();
    }

    @Test
    void hardlinkToDotDotIsRefused() throws Exception {
        UnsafeEntryException refusal = refused(new HandTar().hardlink("h", "../outside/canary").bytes());
        assertEquals("h", refusal.entryName());
        assertTrue(refusal.reason().startsWith("hardlink target"), refusal.reason());
    }

    @Test
    void hardlinkToAnAbsolutePathIsRefused() throws Exception {
        UnsafeEntryException refusal = refused(new HandTar().hardlink("h", canary.toString()).bytes());
        assertTrue(refusal.reason().contains("is absolute"), refusal.reason());
    }

    @Test
    void hardlinkThroughASymlinkToOutsideIsRefused() throws Exception {
        byte[] tar = new HandTar().symlink("link", outside.toString()).hardlink("h", "link/canary").bytes();
        UnsafeEntryException refusal = refused(tar);
        assertTrue(refusal.reason().contains("does not exist"), refusal.reason());
    }

    @Test
    void hardlinkThroughASymlinkToEtcLinksTheTargetsOwnFile() throws Exception {
        byte[] tar = new HandTar().symlink("link", "/etc").hardlink("h", "link/passwd").bytes();

        TestTrees.apply(tar, target);

        assertEquals(Files.getAttribute(target.resolve("etc/passwd"), "unix:ino"),
                Files.getAttribute(target.resolve("h"), "unix:ino"));
        assertEquals("root:x:0:0:lower layer\n", Files.readString(target.resolve("h")));
    }

    @Test
    void hardlinkToADirectoryIsRefused() throws Exception {
        UnsafeEntryException refusal = refused(new HandTar().hardlink("h", "etc").bytes());
        assertTrue(refusal.reason().contains("is a directory"), refusal.reason());
    }

    @Test
    void symlinkReplacedByADirectoryMidArchiveGetsItsFilesInTheRealDirectory() throws Exception {
        byte[] tar = new HandTar()
                .symlink("d", outside.toString())
                .dir("d")
                .file("d/canary", "inside")
                .bytes();

        TestTrees.apply(tar, target);

        assertFalse(Files.isSymbolicLink(target.resolve("d")));
        assertTrue(Files.isDirectory(target.resolve("d"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("inside", Files.readString(target.resolve("d/canary")));
        assertOutsideUntouched();
    }

    @Test
    void lowerSymlinkReplacedByADirectoryEntryIsNotWrittenThrough() throws Exception {
        Files.createSymbolicLink(target.resolve("d"), outside);
        TestTrees.apply(new HandTar().dir("d").file("d/canary", "inside").bytes(), target);

        assertTrue(Files.isDirectory(target.resolve("d"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("inside", Files.readString(target.resolve("d/canary")));
        assertOutsideUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {".wh..", "etc/.wh..", ".wh.", "etc/.wh..", "etc/.wh..."})
    void whiteoutsNamingADirectoryOrItsParentAreRefused(String name) throws Exception {
        UnsafeEntryException refusal = refused(new HandTar().file(name, "").bytes());
        assertEquals(name, refusal.entryName());
    }

    @Test
    void whiteoutWithDotDotIsRefused() throws Exception {
        UnsafeEntryException refusal = refused(new HandTar().file("etc/../../.wh.outside", "").bytes());
        assertTrue(refusal.reason().contains("'..'"), refusal.reason());
    }

    @Test
    void whiteoutThroughASymlinkToOutsideDeletesNothingOutside() throws Exception {
        Files.createSymbolicLink(target.resolve("link"), outside);
        Map<String, FileState> before = TreeSnapshot.of(target);

        ApplyResult result = TestTrees.apply(new HandTar().file("link/.wh.canary", "").bytes(), target);

        assertEquals(0, result.pathsWhitedOut());
        assertEquals(before, TreeSnapshot.of(target));
        assertOutsideUntouched();
    }

    @Test
    void whiteoutThroughASymlinkToEtcRemovesOnlyTheTargetsFile() throws Exception {
        byte[] tar = new HandTar().symlink("link", "/etc").file("link/.wh.passwd", "").bytes();
        // The symlink comes from this layer: at the whiteout's turn it exists, as in Docker.
        TestTrees.apply(tar, target);

        assertFalse(Files.exists(target.resolve("etc/passwd")));
        assertTrue(Files.exists(Path.of("/etc/passwd")));
    }

    @Test
    void whiteoutThroughASymlinkIsRefusedInRefuseMode() throws Exception {
        Files.createSymbolicLink(target.resolve("link"), outside);
        UnsafeEntryException refusal = refused(new HandTar().file("link/.wh.canary", "").bytes(),
                ApplyOptions.defaults().withSymlinkTraversal(SymlinkTraversal.REFUSE));
        assertEquals("link/.wh.canary", refusal.entryName());
    }

    @Test
    void aRefusalLateInTheArchiveLeavesEarlierValidEntriesUnwritten() throws Exception {
        byte[] tar = new HandTar()
                .file("kept.txt", "overwritten?")
                .dir("new-dir")
                .file("new-dir/file", "new")
                .file(".wh.etc", "")
                .file("zzz/../../escaped", "evil")
                .bytes();
        refused(tar);
        assertEquals("kept\n", Files.readString(target.resolve("kept.txt")));
        assertFalse(Files.exists(target.resolve("new-dir")));
    }

    @Test
    void aTruncatedArchiveChangesNothing() throws Exception {
        byte[] whole = new HandTar().file("kept.txt", "x".repeat(5000)).file("new", "new").bytes();
        byte[] truncated = Arrays.copyOf(whole, 512 + 2048);
        Map<String, FileState> before = TreeSnapshot.of(target);

        assertThrows(MalformedLayerException.class, () -> TestTrees.apply(truncated, target));

        assertEquals(before, TreeSnapshot.of(target));
        assertFalse(HandTar.stagingLeftBehind(target));
    }

    @Test
    void aCorruptedHeaderIsRejectedAsNotATar() throws Exception {
        byte[] tar = new HandTar().file("kept.txt", "changed").bytes();
        tar[10] ^= 0x01;
        MalformedLayerException error = assertThrows(MalformedLayerException.class, () -> TestTrees.apply(tar, target));
        assertTrue(error.getMessage().contains("checksum"), error.getMessage());
        assertEquals("kept\n", Files.readString(target.resolve("kept.txt")));
    }

    @Test
    void symlinkLoopsInTheTreeAreRefusedNotFollowedForever() throws Exception {
        byte[] tar = new HandTar().symlink("a", "b").symlink("b", "a").file("a/x", "loop").bytes();
        UnsafeEntryException refusal = refused(tar);
        assertTrue(refusal.reason().contains("too many levels"), refusal.reason());
    }
}
