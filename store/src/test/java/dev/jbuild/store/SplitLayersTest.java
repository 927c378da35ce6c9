package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * An uncompressed layer that arrived from outside is kept once: as its snapshot plus a tar split, its
 * blob file gone, and still read back byte for byte under its digest, kept while an image needs it.
 */
class SplitLayersTest extends StoreTest {

    private Path gnuTar() throws Exception {
        Path tree = Files.createDirectories(scratch.resolve("tree"));
        Trees.write(tree, "bin/tool", "#!/bin/sh\necho tool\n".repeat(500));
        Trees.write(tree, "etc/config", "config\n");
        Path tar = scratch.resolve("rootfs.tar");
        Trees.run(scratch, "tar", "--format=gnu", "-C", tree.toString(), "-cf", tar.toString(), ".");
        return tar;
    }

    @Test
    void anImportedTarIsKeptAsItsSnapshotAndASplitAndReadsBackTheSame() throws Exception {
        Path tar = gnuTar();
        Digest original = Digest.of(Files.readAllBytes(tar));
        ImageRecord image = new ImageImporter(store).importRootfs(tar, "imported", UnaryOperator.identity(), null);
        Digest layer = image.diffIds().get(0);
        assertEquals(original, layer);

        assertFalse(Files.exists(root.resolve("blobs/sha256").resolve(layer.hex())), "no second copy of the bytes");
        assertTrue(Files.isRegularFile(root.resolve("snapshots").resolve(layer.hex()).resolve("layer.tar-split")));
        assertTrue(store.blobs().has(layer));
        assertEquals(Files.size(tar), store.blobs().size(layer));
        try (InputStream in = store.blobs().open(image.manifest().layers().get(0))) {
            assertEquals(original, Digest.of(in.readAllBytes()), "reassembled and verified");
        }
        assertTrue(store.check().isClean(), store.check().problems().toString());

        assertEquals(0, store.prune().snapshotsRemoved(), "the image's layer keeps the snapshot its blob needs");
        assertTrue(store.blobs().has(layer));
        Path file = store.blobs().path(layer);
        assertEquals(original, Digest.of(Files.readAllBytes(file)), "a consumer that needs a file gets one");

        store.remove("imported", false);
        store.prune();
        assertFalse(store.blobs().has(layer));
        assertFalse(Files.exists(root.resolve("tar-splits").resolve(layer.hex())));
        assertFalse(Files.exists(root.resolve("snapshots").resolve(layer.hex())));
    }

    @Test
    void aFileChangedInTheSnapshotIsReportedAsACorruptLayer() throws Exception {
        ImageRecord image = new ImageImporter(store).importRootfs(gnuTar(), "imported", UnaryOperator.identity(), null);
        Digest layer = image.diffIds().get(0);
        Path tool = store.layers().diffDir(layer).resolve("bin/tool");
        String text = Files.readString(tool);
        Files.writeString(tool, text.replaceFirst("tool", "TOOL")); // same size, other bytes
        StoreCheck.Report report = store.check();
        assertEquals(java.util.List.of(StoreCheck.Kind.CORRUPT_BLOB),
                report.problems().stream().map(StoreCheck.Problem::kind).toList(), report.problems().toString());
    }

    @Test
    void aSplitLayerSharedByAnotherImageOutlivesTheImageThatMadeIt() throws Exception {
        Path tar = gnuTar();
        ImageRecord first = new ImageImporter(store).importRootfs(tar, "first", UnaryOperator.identity(), "one");
        ImageRecord second = new ImageImporter(store).importRootfs(tar, "second", UnaryOperator.identity(), "two");
        Digest layer = first.diffIds().get(0);
        assertEquals(layer, second.diffIds().get(0));
        store.remove("first", false);
        store.prune();
        try (InputStream in = store.blobs().open(layer)) {
            assertEquals(layer, Digest.of(in.readAllBytes()));
        }
        assertEquals(MediaTypes.OCI_LAYER, store.image("second").manifest().layers().get(0).mediaType());
    }
}
