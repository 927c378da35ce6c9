package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir
    Path root;
    ImageStore store;

    @BeforeEach
    void open() throws IOException {
        store = ImageStore.open(root);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void putThenOpenRoundTripsBytesUnderTheirDigest() throws IOException {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        Descriptor stored = store.blobs().put(new ByteArrayInputStream(data), "text/plain");
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", stored.digest().value());
        assertEquals(5, stored.size());
        assertEquals("text/plain", stored.mediaType());
        assertTrue(Files.isRegularFile(root.resolve("blobs/sha256/" + stored.digest().hex())));
        try (InputStream in = store.blobs().open(stored.digest())) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(List.of(stored.digest()), store.blobs().list());
    }

    @Test
    void largeBlobStreamsThroughWithoutChange() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        Descriptor stored = store.blobs().put(new ByteArrayInputStream(data), MediaTypes.OCI_LAYER);
        assertEquals(Digest.of(data), stored.digest());
        assertArrayEquals(data, Files.readAllBytes(store.blobs().path(stored.digest())));
    }

    @Test
    void flippedByteOnDiskIsDetectedWhenReadingWithBothDigests() throws IOException {
        Descriptor stored = store.blobs().put("some layer content".getBytes(StandardCharsets.UTF_8), "x");
        Path file = store.blobs().path(stored.digest());
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] ^= 0x01;
        Files.write(file, bytes);
        BlobCorruptedException e = assertThrows(BlobCorruptedException.class, () -> {
            try (InputStream in = store.blobs().open(stored.digest())) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
        assertEquals(stored.digest(), e.expected());
        assertEquals(Digest.of(bytes), e.actual());
        assertEquals("blob " + stored.digest() + " is corrupt: expected " + stored.digest() + ", got " + Digest.of(bytes),
                e.getMessage());
    }

    @Test
    void truncatedBlobFailsTheDescriptorSizeCheck() throws IOException {
        Descriptor stored = store.blobs().put("0123456789".getBytes(StandardCharsets.UTF_8), "x");
        Files.write(store.blobs().path(stored.digest()), "01234".getBytes(StandardCharsets.UTF_8));
        BlobCorruptedException e = assertThrows(BlobCorruptedException.class,
                () -> store.blobs().open(stored).readAllBytes());
        assertEquals("blob " + stored.digest() + " is corrupt: expected 10 bytes, got 5", e.getMessage());
    }

    @Test
    void putWithTheWrongExpectedDigestStoresNothing() throws IOException {
        Digest claimed = Digest.of("something else");
        BlobCorruptedException e = assertThrows(BlobCorruptedException.class, () -> store.blobs()
                .put(new ByteArrayInputStream("actual".getBytes(StandardCharsets.UTF_8)), "x", claimed, -1));
        assertEquals(Digest.of("actual"), e.actual());
        assertTrue(store.blobs().list().isEmpty());
        assertFalse(store.blobs().has(Digest.of("actual")));
        try (Stream<Path> temp = Files.walk(root.resolve("tmp"))) {
            assertEquals(0, temp.filter(p -> p.getFileName().toString().startsWith("blob")).count());
        }
    }

    @Test
    void missingBlobIsATypedError() {
        Digest absent = Digest.of("absent");
        BlobNotFoundException e = assertThrows(BlobNotFoundException.class, () -> store.blobs().open(absent));
        assertEquals("blob " + absent + " not found in the store", e.getMessage());
    }

    @Test
    void deleteRemovesTheBlob() throws IOException {
        Descriptor stored = store.blobs().put("gone".getBytes(StandardCharsets.UTF_8), "x");
        assertTrue(store.blobs().delete(stored.digest()));
        assertFalse(store.blobs().has(stored.digest()));
        assertFalse(store.blobs().delete(stored.digest()));
    }

    @Test
    void concurrentPutsOfTheSameContentAllSucceedWithOneIntactBlob() throws Exception {
        byte[] data = new byte[512 * 1024];
        new Random(1).nextBytes(data);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Descriptor>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<Descriptor> put = () -> {
                    start.await();
                    return store.blobs().put(new ByteArrayInputStream(data), MediaTypes.OCI_LAYER);
                };
                results.add(pool.submit(put));
            }
            start.countDown();
            for (Future<Descriptor> result : results) {
                assertEquals(Digest.of(data), result.get().digest());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(Digest.of(data)), store.blobs().list());
        assertArrayEquals(data, store.blobs().read(Digest.of(data)));
    }

    @Test
    void twoStoresOnOneRootShareBlobs() throws IOException {
        try (ImageStore other = ImageStore.open(root)) {
            Descriptor stored = other.blobs().put("shared".getBytes(StandardCharsets.UTF_8), "x");
            assertArrayEquals("shared".getBytes(StandardCharsets.UTF_8), store.blobs().read(stored.digest()));
        }
    }

    @Test
    void blobsStagedDurableBecomeBlobsOnlyWhenPublishedTogether() throws IOException {
        byte[] large = new byte[2 * 1024 * 1024 + 5]; // past the direct writer's first buffer
        new Random(11).nextBytes(large);
        byte[] known = "already here".getBytes(StandardCharsets.UTF_8);
        store.blobs().put(new ByteArrayInputStream(known), "text/plain");
        StagedBlob first = store.blobs().stageDurable(new ByteArrayInputStream(large), Digest.of(large), large.length);
        StagedBlob second = store.blobs().stageDurable(new ByteArrayInputStream(known), Digest.of(known), known.length);
        assertFalse(store.blobs().has(Digest.of(large)), "staged is not stored");

        store.blobs().publishAll(List.of(first, second));

        assertArrayEquals(large, Files.readAllBytes(store.blobs().path(Digest.of(large))));
        assertArrayEquals(known, store.blobs().read(Digest.of(known)));
        try (Stream<Path> files = Files.list(store.session().dir())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("blob")).toList(),
                    "published files were moved, and the copy of a blob the store had was removed");
        }
    }

    @Test
    void aStagedDurableBlobWithTheWrongDigestLeavesNothing() throws IOException {
        byte[] data = new byte[1024 * 1024 + 3];
        new Random(5).nextBytes(data);
        byte[] other = "other".getBytes(StandardCharsets.UTF_8);
        assertThrows(BlobCorruptedException.class,
                () -> store.blobs().stageDurable(new ByteArrayInputStream(data), Digest.of(other), data.length));
        try (Stream<Path> files = Files.list(store.session().dir())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("blob")).toList());
        }
    }

    @Test
    void closingAStoreRemovesItsTempArea() throws IOException {
        Path sessionDir;
        try (ImageStore other = ImageStore.open(root)) {
            sessionDir = other.session().dir();
            assertTrue(Files.isDirectory(sessionDir));
        }
        assertFalse(Files.exists(sessionDir));
    }
}
