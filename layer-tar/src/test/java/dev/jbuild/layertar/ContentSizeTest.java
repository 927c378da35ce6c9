package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying a layer also counts its size as Docker counts it, so load need not read the layer twice. */
class ContentSizeTest {
    @TempDir
    Path dir;

    @Test
    void applyingALayerCountsItsContentOnceAndItsLinksTargets() throws Exception {
        byte[] layer = new HandTar()
                .dir("app")
                .file("app/bin", "0123456789")
                .hardlink("app/same", "app/bin")
                .symlink("app/link", "bin")
                .file("app/.wh.gone", "")
                .file("app/twice", "long first version")
                .file("app/twice", "v2")
                .bytes();
        ApplyResult result = TestTrees.apply(layer, Files.createDirectory(dir.resolve("root")));
        assertEquals(10 + "bin".length() + "v2".length(), result.contentSize());
    }

    /** Writing a layer counts what reading it back counts: build and import need not read their layers again. */
    @Test
    void writingALayerCountsWhatReadingItCounts() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("usr/bin"));
        Files.writeString(tree.resolve("usr/bin/tool"), "x".repeat(1000));
        Files.createLink(tree.resolve("usr/bin/alias"), tree.resolve("usr/bin/tool"));
        Files.createSymbolicLink(tree.resolve("usr/bin/link"), Path.of("tool"));
        Files.writeString(tree.resolve("empty"), "");
        ContentSize written = new ContentSize();
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        LayerWriter.of(WriterOptions.defaults()).writeDirectory(tree, tar, written);
        ApplyResult read = TestTrees.apply(tar.toByteArray(), Files.createDirectory(dir.resolve("root")));
        assertEquals(1000 + "tool".length(), written.total());
        assertEquals(written.total(), read.contentSize());
    }

    @Test
    void directoriesAloneCountNothing() throws Exception {
        ApplyResult result = TestTrees.apply(new HandTar().dir("w").dir("w/x").bytes(),
                Files.createDirectory(dir.resolve("root")));
        assertEquals(0, result.contentSize());
    }
}
