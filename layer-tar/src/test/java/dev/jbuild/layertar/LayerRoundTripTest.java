package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.SizedDigest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerRoundTripTest {
    @TempDir
    Path temp;

    @Test
    void everyKindOfEntrySurvivesWriteThenApply() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        byte[] tar = TestTrees.layerOf(source, WriterOptions.defaults());

        Path target = temp.resolve("target");
        ApplyResult result = TestTrees.apply(tar, target);

        Map<String, FileState> expected = TreeSnapshot.of(source);
        Map<String, FileState> actual = TreeSnapshot.of(target);
        assertEquals(expected.keySet(), actual.keySet());
        for (String path : expected.keySet()) {
            assertEquals(expected.get(path), actual.get(path), path);
        }
        assertEquals(expected.size(), result.entriesApplied());
        assertEquals(List.of(), result.skippedXattrs());
    }

    @Test
    void theFixtureReallyHoldsEveryKindSoTheRoundTripMeansSomething() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        Map<String, FileState> tree = TreeSnapshot.of(source);
        Map<String, String> typeOf = new TreeMap<>();
        tree.forEach((path, state) -> typeOf.put(path, state.type()));

        assertEquals("fifo", typeOf.get("pipe"));
        assertEquals("char", typeOf.get("null-device"));
        assertEquals("1:3", tree.get("null-device").content());
        assertEquals("7:200", tree.get("loop-device").content());
        assertEquals("4755", tree.get("setuid-binary").mode());
        assertEquals("2775", tree.get("setgid-dir").mode());
        assertEquals("1777", tree.get("sticky-dir").mode());
        assertEquals(1000, tree.get("link-owned-by-1000").uid());
        assertEquals("dir/hard-c,hard-a,hard-b", tree.get("hard-a").linkGroup());
        assertEquals(TestTrees.CAPABILITY_HEX, tree.get("xattrs").xattrs().get("security.capability"));
        assertEquals("68656c6c6f", tree.get("xattrs").xattrs().get("user.test"));
    }

    @Test
    void hardlinksApplyAsOneInodeWithThreeNames() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        Path target = temp.resolve("target");
        TestTrees.apply(TestTrees.layerOf(source, WriterOptions.defaults()), target);

        Object inode = Files.getAttribute(target.resolve("hard-a"), "unix:ino");
        assertEquals(inode, Files.getAttribute(target.resolve("hard-b"), "unix:ino"));
        assertEquals(inode, Files.getAttribute(target.resolve("dir/hard-c"), "unix:ino"));
        assertEquals(3, Files.getAttribute(target.resolve("hard-a"), "unix:nlink"));
    }

    @Test
    void binaryCapabilityXattrKeepsEveryByteAsGetfattrSeesIt() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        Path target = temp.resolve("target");
        TestTrees.apply(TestTrees.layerOf(source, WriterOptions.defaults()), target);

        assertEquals(TestTrees.CAPABILITY_HEX, TestTrees.xattrHex(target.resolve("xattrs"), "security.capability"));
        assertEquals(TestTrees.TRUSTED_HEX, TestTrees.xattrHex(target.resolve("xattrs"), "trusted.jbuild"));
        assertEquals("68656c6c6f", TestTrees.xattrHex(target.resolve("xattrs"), "user.test"));
    }

    @Test
    void capabilityOnlyPolicyRecordsWhatDockerRecords() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        Path target = temp.resolve("target");
        TestTrees.apply(TestTrees.layerOf(source, new WriterOptions(null, XattrPolicy.CAPABILITY_ONLY)), target);

        assertEquals(Map.of("security.capability", TestTrees.CAPABILITY_HEX),
                TreeSnapshot.of(target).get("xattrs").xattrs());
    }

    @Test
    void withoutKeepOwnershipFilesBelongToTheApplyingUser() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        Path target = temp.resolve("target");
        LayerApplier.of(new ApplyOptions(false))
                .apply(new ByteArrayInputStream(TestTrees.layerOf(source, WriterOptions.defaults())), target);

        assertEquals(1000, Files.getAttribute(source.resolve("owned-by-1000"), "unix:uid"));
        assertEquals(0, Files.getAttribute(target.resolve("owned-by-1000"), "unix:uid"));
        assertEquals(0, Files.getAttribute(target.resolve("link-owned-by-1000"), "unix:uid",
                LinkOption.NOFOLLOW_LINKS));
        assertEquals("mine\n", Files.readString(target.resolve("owned-by-1000")));
    }

    @Test
    void aLaterEntryForTheSamePathReplacesTheEarlierOne() throws Exception {
        byte[] tar = new HandTar()
                .file("x", "first")
                .dir("x")
                .file("x/inside", "second")
                .symlink("y", "x")
                .file("y", "third")
                .bytes();
        Path target = temp.resolve("target");
        TestTrees.apply(tar, target);

        assertTrue(Files.isDirectory(target.resolve("x")));
        assertEquals("second", Files.readString(target.resolve("x/inside")));
        assertTrue(Files.isRegularFile(target.resolve("y"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("third", Files.readString(target.resolve("y")));
    }

    @Test
    void fiftyThousandSmallFilesRoundTrip() throws Exception {
        Path source = temp.resolve("many");
        for (int d = 0; d < 100; d++) {
            Path dir = Files.createDirectories(source.resolve("d" + d));
            for (int f = 0; f < 500; f++) {
                Files.writeString(dir.resolve("f" + f), "file " + d + "/" + f);
            }
        }
        byte[] tar = TestTrees.layerOf(source, WriterOptions.defaults());
        Path target = temp.resolve("target");
        ApplyResult result = TestTrees.apply(tar, target);

        assertEquals(50_100, result.entriesApplied());
        assertEquals("file 42/499", Files.readString(target.resolve("d42/f499")));
        assertEquals(TreeSnapshot.of(source), TreeSnapshot.of(target));
    }

    /**
     * A file just past 2 GiB (sizes beyond a Java int), mostly a hole with data at its start, middle and
     * end, streamed from the writer straight into the applier so the layer never exists as a whole.
     */
    @Test
    void twoGibSparseFileRoundTripsThroughAStreamedLayer() throws Exception {
        Path source = Files.createDirectories(temp.resolve("big-source"));
        Path big = source.resolve("disk.img");
        long size = (2L << 30) + 4097;
        java.util.Random random = new java.util.Random(42);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(big,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            for (long offset : new long[] {0, 1L << 30, size - 65_536}) {
                byte[] block = new byte[65_536];
                random.nextBytes(block);
                channel.write(java.nio.ByteBuffer.wrap(block), offset);
            }
        }
        assertEquals(size, Files.size(big));
        Path target = temp.resolve("big-target");
        java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 20);
        java.io.PipedOutputStream out = new java.io.PipedOutputStream(in);
        java.util.concurrent.CompletableFuture<SizedDigest> written = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (out) {
                return LayerWriter.of(WriterOptions.defaults()).writeDirectory(source, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ApplyResult result = LayerApplier.of(ApplyOptions.defaults()).apply(in, target);
        assertEquals(written.join(), result.digest());
        assertEquals(size, Files.size(target.resolve("disk.img")));
        assertEquals(sha256(big), sha256(target.resolve("disk.img")));
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
