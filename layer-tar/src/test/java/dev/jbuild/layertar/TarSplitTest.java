package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer split against the diff it was unpacked to gives the very same bytes back, for any tar writer. */
class TarSplitTest {
    @TempDir
    Path temp;

    @Test
    void gnuTarsLayerComesBackByteForByteAndTheSplitHoldsNoFileContents() throws Exception {
        Path tree = temp.resolve("tree");
        TestTrees.write(tree, "etc/config", "x".repeat(10_000));
        TestTrees.write(tree, "usr/lib/big", "0123456789".repeat(50_000));
        TestTrees.write(tree, "a/very/" + "long-name-".repeat(12) + "/file", "long path\n");
        Files.createLink(tree.resolve("etc/hardlink"), tree.resolve("etc/config"));
        Files.createSymbolicLink(tree.resolve("usr/link"), Path.of("lib/big"));
        Path tarFile = temp.resolve("layer.tar");
        Commands.run(temp, "tar", "--format=gnu", "-C", tree.toString(), "-cf", tarFile.toString(), ".");
        byte[] tar = Files.readAllBytes(tarFile);

        byte[] split = roundTrip(tar);
        assertTrue(split.length < 20_000, "the split holds headers, not the 510 kB of contents: " + split.length);
    }

    @Test
    void duplicateEntriesAndWhiteoutsAreKeptInline() throws Exception {
        byte[] tar = new HandTar().file("dup", "first version").file("dup", "second").file(".wh.gone", "")
                .file("dir/.wh..wh..opq", "").file("dir/kept", "kept").bytes();
        roundTrip(tar);
    }

    @Test
    void aFileThatChangedInTheDiffGivesOtherBytes() throws Exception {
        byte[] tar = new HandTar().file("data", "original").bytes();
        Path diff = temp.resolve("changed");
        LayerApplier.of(ApplyOptions.defaults().inOverlayFormat()).apply(new ByteArrayInputStream(tar), diff);
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        TarSplit.record(new ByteArrayInputStream(tar), diff, split);
        Files.writeString(diff.resolve("data"), "tampered");
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        TarSplit.assemble(new ByteArrayInputStream(split.toByteArray()), diff, back);
        assertNotEquals(java.util.Arrays.toString(tar), java.util.Arrays.toString(back.toByteArray()));
    }

    @Test
    void aSplitRecordedWhileTheLayerIsWrittenIsTheSplitOfThatTarAndGivesItBack() throws Exception {
        Path tree = temp.resolve("upper");
        TestTrees.write(tree, "etc/config", "x".repeat(10_000));
        TestTrees.write(tree, "usr/lib/big", "0123456789".repeat(50_000));
        TestTrees.write(tree, TestTrees.UNSPLITTABLE_PATH, "long path\n");
        TestTrees.write(tree, "empty", "");
        Files.createLink(tree.resolve("etc/hardlink"), tree.resolve("etc/config"));
        Files.createSymbolicLink(tree.resolve("usr/link"), Path.of("lib/big"));
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(tree.resolve("sparse").toFile(), "rw")) {
            sparse.setLength(4 << 20);
            sparse.seek(2 << 20);
            sparse.write("in the middle of holes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        java.util.List<Change> changes = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> paths = Files.walk(tree)) {
            paths.filter(p -> !p.equals(tree)).forEach(p -> changes.add(Change.added(tree.relativize(p).toString())));
        }
        changes.add(Change.deleted("etc/gone"));

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        LayerWriter.of(WriterOptions.defaults()).streamChanges(tree, changes, tar, new ContentSize(),
                new TarSplit.Recorder(recorded));

        ByteArrayOutputStream readBack = new ByteArrayOutputStream();
        TarSplit.record(new ByteArrayInputStream(tar.toByteArray()), tree, readBack);
        assertArrayEquals(readBack.toByteArray(), recorded.toByteArray(), "the same records as reading the tar gives");
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        TarSplit.assemble(new ByteArrayInputStream(recorded.toByteArray()), tree, back);
        assertArrayEquals(tar.toByteArray(), back.toByteArray());
        assertTrue(recorded.size() < 20_000, "headers, not the 510 kB of contents: " + recorded.size());
    }

    /** Unpacks in overlay format, splits, reassembles; returns the split. */
    private byte[] roundTrip(byte[] tar) throws Exception {
        Path diff = Files.createTempDirectory(temp, "diff").resolve("diff");
        LayerApplier.of(ApplyOptions.defaults().inOverlayFormat()).apply(new ByteArrayInputStream(tar), diff);
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        TarSplit.record(new ByteArrayInputStream(tar), diff, split);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        TarSplit.assemble(new ByteArrayInputStream(split.toByteArray()), diff, back);
        assertArrayEquals(tar, back.toByteArray());
        return split.toByteArray();
    }
}
