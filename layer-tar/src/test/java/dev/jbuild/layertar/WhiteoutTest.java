package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhiteoutTest {
    @TempDir
    Path temp;
    Path upper;
    Path lower;

    @BeforeEach
    void lowerAndUpperTrees() throws Exception {
        lower = temp.resolve("lower");
        TestTrees.write(lower, "etc/my-app-config", "old config\n");
        TestTrees.write(lower, "etc/hosts", "127.0.0.1 localhost\n");
        TestTrees.write(lower, "bin/tool", "v1\n");
        TestTrees.write(lower, "var/cache/a", "cached\n");
        TestTrees.write(lower, "var/cache/sub/b", "cached\n");
        TestTrees.write(lower, "var/log/keep", "log\n");

        upper = temp.resolve("upper");
        TestTrees.write(upper, "etc/my-app.d/default.cfg", "new config\n");
        TestTrees.write(upper, "etc/hosts", "127.0.0.1 localhost\n");
        TestTrees.write(upper, "bin/tool", "v2\n");
        TestTrees.write(upper, "var/cache/fresh", "new cache\n");
        TestTrees.fixTimes(upper);
    }

    private static final List<Change> CHANGES = List.of(
            Change.added("etc/my-app.d"),
            Change.added("etc/my-app.d/default.cfg"),
            Change.modified("bin/tool"),
            Change.deleted("etc/my-app-config"),
            Change.opaqueDir("var/cache"),
            Change.modified("var/cache"),
            Change.added("var/cache/fresh"));

    private byte[] changesLayer(WriterOptions options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.of(options).writeChanges(upper, CHANGES, out);
        return out.toByteArray();
    }

    @Test
    void streamingTheChangesWritesTheSameBytesAsWritingThemWithADigest() throws Exception {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        LayerWriter.of(WriterOptions.defaults()).streamChanges(upper, CHANGES, streamed);
        byte[] written = changesLayer(WriterOptions.defaults());
        assertArrayEquals(written, streamed.toByteArray());
        assertTrue(written.length > 1024, "a real tar, not an empty stream");
    }

    @Test
    void changesBecomeEntriesWithParentsAndWhiteoutsBeforeTheirSiblings() throws Exception {
        assertEquals(List.of(
                "bin/",
                "bin/tool",
                "etc/",
                "etc/.wh.my-app-config",
                "etc/my-app.d/",
                "etc/my-app.d/default.cfg",
                "var/",
                "var/cache/",
                "var/cache/.wh..wh..opq",
                "var/cache/fresh"), HandTar.names(changesLayer(WriterOptions.defaults())));
    }

    @Test
    void whiteoutsAreEmptyRegularFilesWithModeZeroAndTheEpochTime() throws Exception {
        List<TarArchiveEntry> markers = HandTar.entries(changesLayer(new WriterOptions(1_234_567L))).stream()
                .filter(e -> e.getName().contains(".wh."))
                .collect(Collectors.toList());
        assertEquals(2, markers.size());
        for (TarArchiveEntry marker : markers) {
            assertTrue(marker.isFile(), marker.getName());
            assertEquals(0, marker.getSize());
            assertEquals(0, marker.getMode() & 07777);
            assertEquals(1_234_567L, marker.getLastModifiedTime().toInstant().getEpochSecond());
        }
    }

    @Test
    void applyingTheChangesOntoTheLowerTreeGivesTheUpperTree() throws Exception {
        ApplyResult result = TestTrees.apply(changesLayer(WriterOptions.defaults()), lower);

        assertEquals(1, result.pathsWhitedOut());
        assertEquals(1, result.directoriesCleared());
        assertFalse(Files.exists(lower.resolve("etc/my-app-config")));
        assertFalse(Files.exists(lower.resolve("var/cache/a")));
        assertFalse(Files.exists(lower.resolve("var/cache/sub")));
        assertFalse(Files.exists(lower.resolve("var/cache/.wh..wh..opq")));
        assertEquals("new cache\n", Files.readString(lower.resolve("var/cache/fresh")));
        assertEquals("v2\n", Files.readString(lower.resolve("bin/tool")));
        assertEquals("new config\n", Files.readString(lower.resolve("etc/my-app.d/default.cfg")));
        assertEquals("log\n", Files.readString(lower.resolve("var/log/keep")));
        assertEquals(TreeSnapshot.of(upper).get("etc/my-app.d/default.cfg"),
                TreeSnapshot.of(lower).get("etc/my-app.d/default.cfg"));
    }

    @Test
    void anOpaqueMarkerAfterTheLayersOwnEntriesStillHidesOnlyTheLowerContents() throws Exception {
        byte[] tar = new HandTar()
                .dir("var/cache")
                .file("var/cache/fresh", "mine")
                .file("var/cache/.wh..wh..opq", "")
                .bytes();
        TestTrees.apply(tar, lower);

        try (var children = Files.list(lower.resolve("var/cache"))) {
            assertEquals(List.of("fresh"), children.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
        assertEquals("mine", Files.readString(lower.resolve("var/cache/fresh")));
    }

    @Test
    void anOpaqueMarkerAtTheTopClearsTheWholeLowerTree() throws Exception {
        TestTrees.apply(new HandTar().file(".wh..wh..opq", "").file("only", "alone").bytes(), lower);
        try (var children = Files.list(lower)) {
            assertEquals(List.of("only"), children.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    @Test
    void aWhiteoutDoesNotRemoveWhatTheSameLayerAdded() throws Exception {
        TestTrees.apply(new HandTar().file("etc/new", "mine").file("etc/.wh.new", "").bytes(), lower);
        assertEquals("mine", Files.readString(lower.resolve("etc/new")));
    }

    @Test
    void aWhiteoutOfAMissingPathChangesNothing() throws Exception {
        var before = TreeSnapshot.of(lower);
        ApplyResult result = TestTrees.apply(new HandTar().file("nowhere/.wh.nothing", "").file("etc/.wh.nothing", "").bytes(), lower);
        assertEquals(0, result.pathsWhitedOut());
        assertEquals(before, TreeSnapshot.of(lower));
    }

    @Test
    void aWhitedOutDirectoryGoesWithItsSymlinksButNotTheirTargets() throws Exception {
        Path outside = TestTrees.write(temp.resolve("outside"), "precious", "keep me\n");
        Files.createSymbolicLink(lower.resolve("var/cache/link-out"), outside.getParent());
        TestTrees.apply(new HandTar().file("var/.wh.cache", "").bytes(), lower);

        assertFalse(Files.exists(lower.resolve("var/cache")));
        assertEquals("keep me\n", Files.readString(outside));
    }

    @Test
    void aufsMetadataEntriesAreSkippedLikeDockerSkipsThem() throws Exception {
        ApplyResult result = TestTrees.apply(new HandTar()
                .dir(".wh..wh.plnk")
                .file(".wh..wh.plnk/1234.5678", "aufs")
                .file("real", "real").bytes(), lower);
        assertFalse(Files.exists(lower.resolve(".wh..wh.plnk")));
        assertEquals(1, result.entriesApplied());
    }

    @Test
    void aPathThatChangesTwoWaysAtOnceIsACallerError() {
        assertThrows(IllegalArgumentException.class, () -> LayerWriter.of(WriterOptions.defaults()).writeChanges(upper,
                List.of(Change.added("bin/tool"), Change.deleted("bin/tool")), new ByteArrayOutputStream()));
    }

    @Test
    void aTreeFileNamedLikeAWhiteoutCannotBeWritten() throws Exception {
        TestTrees.write(upper, "etc/.wh.sneaky", "");
        assertThrows(java.io.IOException.class,
                () -> TestTrees.layerOf(upper, WriterOptions.defaults()));
    }
}
