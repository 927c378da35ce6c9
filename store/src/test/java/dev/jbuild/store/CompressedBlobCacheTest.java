package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressedBlobCacheTest {
    @TempDir
    Path dir;

    @Test
    void variantsRegisteredTogetherAreFoundAfterTheStoreIsOpenedAgain() throws IOException {
        Path root = dir.resolve("store");
        Descriptor first;
        Descriptor second;
        Descriptor firstGzip;
        Descriptor secondGzip;
        try (ImageStore store = ImageStore.open(root)) {
            first = store.blobs().put("layer one".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_LAYER);
            second = store.blobs().put("layer two".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_LAYER);
            firstGzip = store.blobs().put(gzip("layer one"), MediaTypes.ociLayer(Compression.GZIP));
            secondGzip = store.blobs().put(gzip("layer two"), MediaTypes.ociLayer(Compression.GZIP));
            store.compressedCache().registerAll(List.of(
                    new CompressedBlobCache.Variant(first.digest(), Compression.GZIP, firstGzip),
                    new CompressedBlobCache.Variant(second.digest(), Compression.GZIP, secondGzip)));
        }
        try (ImageStore store = ImageStore.open(root)) {
            assertEquals(Optional.of(firstGzip.digest()),
                    store.compressedCache().cached(first.digest(), Compression.GZIP).map(Descriptor::digest));
            assertEquals(Optional.of(secondGzip.digest()),
                    store.compressedCache().cached(second.digest(), Compression.GZIP).map(Descriptor::digest));
        }
        try (Stream<Path> left = Files.list(root.resolve("tmp"))) {
            assertEquals(List.of(), left.toList(), "no temp file left behind");
        }
    }

    @Test
    void anUncompressedBlobIsNoVariant() {
        Descriptor any = new Descriptor(MediaTypes.OCI_LAYER,
                dev.jbuild.imagespec.Digest.of("x".getBytes(StandardCharsets.UTF_8)), 1);
        assertThrows(IllegalArgumentException.class,
                () -> new CompressedBlobCache.Variant(any.digest(), Compression.NONE, any));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
