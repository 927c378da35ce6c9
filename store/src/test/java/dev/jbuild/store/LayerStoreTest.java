package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.layertar.Change;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.OverlayFormat;
import dev.jbuild.layertar.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerStoreTest extends StoreTest {
    /*
     * Golden values computed by hand:
     *   L0=$(printf 'layer0' | sha256sum)  -> 4fbec69b...472e
     *   L1=$(printf 'layer1' | sha256sum)  -> 77ea7eee...06a2
     *   L2=$(printf 'layer2' | sha256sum)  -> 95cf1a2e...bd06
     *   C1=$(printf 'sha256:%s sha256:%s' $L0 $L1 | sha256sum) -> ef232af0...df79
     *   C2=$(printf 'sha256:%s sha256:%s' $C1 $L2 | sha256sum) -> 7ad38963...a54d
     */
    private static final Digest L0 = Digest.ofHex("4fbec69b941195fd56f8212a5000e304129451d82efca94ff0e0fb2d5355472e");
    private static final Digest L1 = Digest.ofHex("77ea7eee3d80b1a38f83906dd3048e2689457eb90e18a7d12f839c5ae37106a2");
    private static final Digest L2 = Digest.ofHex("95cf1a2e1698fe3ca1fcc3f653119146b271d0b62e487ec264441e886a11bd06");
    private static final Digest C1 = Digest.ofHex("ef232af0eb422cdfd7917631657cd8ed2bfd5b9461b37c427aa0d3e0a19adf79");
    private static final Digest C2 = Digest.ofHex("7ad3896338947cc04ee0b35b50d400ff32538d63f42f85ec87feac78bf71a54d");


    @Test
    void chainIdsFollowTheOciDefinition() {
        assertEquals(L0, LayerStore.chainId(List.of(L0)));
        assertEquals(C1, LayerStore.chainId(List.of(L0, L1)));
        assertEquals(C2, LayerStore.chainId(List.of(L0, L1, L2)));
        assertEquals(List.of(L0, C1, C2), LayerStore.chainIds(List.of(L0, L1, L2)));
        assertThrows(IllegalArgumentException.class, () -> LayerStore.chainId(List.of()));
    }

    /** Two layers: the second modifies a file, deletes one (whiteout) and adds one. */
    private ImageRecord twoLayerImage() throws IOException {
        Path base = Files.createDirectory(scratch.resolve("base"));
        Trees.write(base, "a.txt", "a1");
        Trees.write(base, "dir/b.txt", "b");
        Trees.write(base, "dir/c.txt", "c");
        Descriptor first = Trees.layerOf(store, base);

        Path upper = Files.createDirectory(scratch.resolve("upper"));
        Trees.write(upper, "a.txt", "a2");
        Trees.write(upper, "dir/c.txt", "c");
        Trees.write(upper, "new.txt", "n");
        Descriptor second = store.blobs().write(MediaTypes.OCI_LAYER, out -> LayerWriter.of(WriterOptions.defaults())
                .writeChanges(upper, List.of(Change.modified("a.txt"), Change.deleted("dir/b.txt"),
                        Change.added("new.txt")), out));
        ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(first.digest(), new HistoryEntry(null, "base", "", "", false))
                .withLayer(second.digest(), new HistoryEntry(null, "upper", "", "", false));
        return store.writeImage(config, List.of(first, second), "two");
    }

    /** The image's file system as the merged view of its snapshots shows it. */
    private Map<String, String> picture(ImageRecord image) throws IOException {
        try (LayerStore.Merged merged = store.layers().merged(image)) {
            return Trees.picture(merged.rootfs());
        }
    }

    @Test
    void eachLayerIsUnpackedOnceAsItsOwnDiffInOverlayFormat() throws IOException {
        ImageRecord image = twoLayerImage();
        List<Path> diffs = store.layers().diffs(image);
        Digest top = LayerStore.chainId(image.diffIds());
        assertEquals(List.of(root.resolve("snapshots").resolve(image.diffIds().get(0).hex()).resolve("diff"),
                root.resolve("snapshots").resolve(top.hex()).resolve("diff")), diffs);
        assertEquals(Map.of("a.txt", "file:a1", "dir", "dir", "dir/b.txt", "file:b", "dir/c.txt", "file:c"),
                Trees.picture(diffs.get(0)), "the bottom layer's diff is its whole tree");
        assertTrue(OverlayFormat.isWhiteout(diffs.get(1).resolve("dir/b.txt")), "the deletion is a whiteout");
        assertEquals("a2", Files.readString(diffs.get(1).resolve("a.txt")));
        assertFalse(Files.exists(diffs.get(1).resolve("dir/c.txt")), "what the layer did not change is not copied");
        assertEquals(Map.of("a.txt", "file:a2", "dir", "dir", "dir/c.txt", "file:c", "new.txt", "file:n"),
                picture(image), "the merged view is the image's file system");
        assertEquals(List.of(image.diffIds().get(0), top).stream().sorted().toList(), store.layers().snapshots());
        String meta = Files.readString(diffs.get(1).getParent().resolve("snapshot.json"));
        assertEquals("{\"chainId\":\"" + top + "\",\"diffId\":\"" + image.diffIds().get(1) + "\",\"parent\":\""
                + image.diffIds().get(0) + "\"}", meta);
    }

    @Test
    void snapshotIsMadeOnceAndReused() throws IOException {
        ImageRecord image = twoLayerImage();
        Path first = store.layers().diffs(image).get(1);
        Files.writeString(first.resolve("marker"), "left by the first call");
        Path second = store.layers().diffs(image.diffIds()).get(1);
        assertEquals(first, second);
        assertEquals("left by the first call", Files.readString(second.resolve("marker")));
    }

    @Test
    void snapshotCanBeMadeFromAGzipLayer() throws IOException {
        ImageRecord image = twoLayerImage();
        Descriptor gz0 = store.compressedCache().compressed(image.diffIds().get(0), Compression.GZIP);
        Descriptor gz1 = store.compressedCache().compressed(image.diffIds().get(1), Compression.GZIP);
        ImageRecord gzipImage = store.writeImage(image.config().withAuthor("gzip"), List.of(gz0, gz1), "gz");
        Map<String, String> expected = picture(image);
        for (Digest chain : store.layers().snapshots()) {
            store.layers().deleteSnapshot(chain);
        }
        assertEquals(expected, picture(gzipImage));
    }

    @Test
    void corruptLayerBlobMakesNoSnapshot() throws IOException {
        ImageRecord image = twoLayerImage();
        Path blob = store.blobs().path(image.diffIds().get(1));
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 3] ^= 0x20;
        Files.write(blob, bytes);
        assertThrows(BlobCorruptedException.class, () -> store.layers().diffs(image));
        assertEquals(List.of(image.diffIds().get(0)), store.layers().snapshots());
    }

    @Test
    void hostileLayerIsRefusedAndLeavesNoSnapshot() throws Exception {
        Path work = Files.createDirectories(scratch.resolve("w/inner"));
        Trees.write(scratch.resolve("w"), "evil", "escape");
        Trees.run(work, "tar", "-cPf", "../evil.tar", "../evil");
        Descriptor layer = store.blobs().put(Files.newInputStream(scratch.resolve("w/evil.tar")), MediaTypes.OCI_LAYER);
        LayerRejectedException e = assertThrows(LayerRejectedException.class,
                () -> store.layers().diffs(List.of(layer.digest())));
        assertTrue(e.getMessage().startsWith("layer " + layer.digest() + " was refused: "), e.getMessage());
        assertTrue(store.layers().snapshots().isEmpty());
    }

    @Test
    void gzipVariantIsMadeOnceCachedAndDecompressesToTheOriginal() throws Exception {
        ImageRecord image = twoLayerImage();
        Digest diffId = image.diffIds().get(0);
        Descriptor gz = store.compressedCache().compressed(diffId, Compression.GZIP);
        assertEquals(MediaTypes.OCI_LAYER_GZIP, gz.mediaType());
        assertEquals(gz, store.compressedCache().compressed(diffId, Compression.GZIP));
        assertEquals(gz, store.compressedCache().cached(diffId, Compression.GZIP).orElseThrow());
        assertTrue(Files.isRegularFile(root.resolve("compressed/gzip/" + diffId.hex())));
        byte[] original = store.blobs().read(diffId);
        byte[] decompressed;
        try (var in = CompressionStreams.decompressing(Compression.GZIP, store.blobs().open(gz))) {
            decompressed = in.readAllBytes();
        }
        assertEquals(Digest.of(original), Digest.of(decompressed));
        Map<Digest, Digest> expected = new TreeMap<>(Map.of(diffId, gz.digest()));
        assertEquals(expected, store.compressedCache().mappings(Compression.GZIP));
    }

    @Test
    void zstdVariantIsCachedAndASnapshotCanBeMadeFromIt() throws IOException {
        ImageRecord image = twoLayerImage();
        Descriptor zst0 = store.compressedCache().compressed(image.diffIds().get(0), Compression.ZSTD);
        Descriptor zst1 = store.compressedCache().compressed(image.diffIds().get(1), Compression.ZSTD);
        assertEquals(MediaTypes.OCI_LAYER_ZSTD, zst0.mediaType());
        assertEquals(zst0, store.compressedCache().compressed(image.diffIds().get(0), Compression.ZSTD));
        assertTrue(Files.isRegularFile(root.resolve("compressed/zstd/" + image.diffIds().get(0).hex())));
        ImageRecord zstdImage = store.writeImage(image.config().withAuthor("zstd"), List.of(zst0, zst1), "zst");
        Map<String, String> expected = picture(image);
        for (Digest chain : store.layers().snapshots()) {
            store.layers().deleteSnapshot(chain);
        }
        assertEquals(expected, picture(zstdImage));
    }

    @Test
    void uncompressedLayerIsRecoveredFromACompressedVariant() throws IOException {
        ImageRecord image = twoLayerImage();
        Digest diffId = image.diffIds().get(1);
        byte[] original = store.blobs().read(diffId);
        Descriptor zst = store.compressedCache().compressed(diffId, Compression.ZSTD);
        store.blobs().delete(diffId);
        Descriptor back = store.compressedCache().uncompressed(diffId, zst);
        assertEquals(new Descriptor(MediaTypes.OCI_LAYER, diffId, original.length), back);
        assertEquals(Digest.of(original), Digest.of(store.blobs().read(diffId)));
    }

    @Test
    void uncompressedLayerIsNotMadeFromAVariantThatDecompressesToSomethingElse() throws IOException {
        ImageRecord image = twoLayerImage();
        Descriptor gzOfLayer0 = store.compressedCache().compressed(image.diffIds().get(0), Compression.GZIP);
        Digest layer1 = image.diffIds().get(1);
        store.blobs().delete(layer1);
        BlobCorruptedException e = assertThrows(BlobCorruptedException.class,
                () -> store.compressedCache().uncompressed(layer1, gzOfLayer0));
        assertEquals(layer1, e.expected());
        assertFalse(store.blobs().has(layer1));
    }

    @Test
    void adoptedDiffBecomesTheSnapshotAndIsNotUnpackedAgain() throws Exception {
        ImageRecord image = twoLayerImage();
        Path diff = store.layers().newDiffDirectory();
        Trees.write(diff, "adopted.txt", "made elsewhere");
        assertTrue(store.layers().adopt(image.diffIds(), diff, false));
        assertFalse(Files.exists(diff.getParent()));
        assertEquals(Map.of("a.txt", "file:a1", "adopted.txt", "file:made elsewhere", "dir", "dir",
                "dir/b.txt", "file:b", "dir/c.txt", "file:c"), picture(image), "the top layer is the adopted diff");
        assertEquals(List.of(image.diffIds().get(0), LayerStore.chainId(image.diffIds())).stream().sorted().toList(),
                store.layers().snapshots());
        assertTrue(store.check().isClean(), store.check().problems().toString());
    }

    @Test
    void adoptingWhereASnapshotExistsKeepsTheExistingOne() throws Exception {
        ImageRecord image = twoLayerImage();
        Map<String, String> expected = picture(image);
        Path diff = store.layers().newDiffDirectory();
        Files.createDirectory(diff);
        assertFalse(store.layers().adopt(image.diffIds(), diff, false));
        assertFalse(Files.exists(diff.getParent()), "the copy that lost is deleted");
        assertEquals(expected, picture(image));
    }

    @Test
    void onlyADiffOfThisStoresTempAreaCanBeAdopted() throws Exception {
        ImageRecord image = twoLayerImage();
        Path diff = Files.createDirectories(scratch.resolve("elsewhere/diff"));
        assertThrows(IllegalArgumentException.class, () -> store.layers().adopt(image.diffIds(), diff, false));
        assertTrue(store.layers().snapshots().isEmpty());
    }
}
