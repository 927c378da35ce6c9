package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStagingTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final Digest HELLO_DIGEST =
            Digest.parse("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");

    @TempDir
    Path root;

    @Test
    void stagedBytesAreHashedButInvisibleUntilPublished() throws IOException {
        try (ImageStore store = ImageStore.open(root)) {
            StagedBlob staged = store.blobs().stage(new ByteArrayInputStream(HELLO), null, -1);
            assertEquals(HELLO_DIGEST, staged.digest());
            assertEquals(5, staged.size());
            assertFalse(store.blobs().has(HELLO_DIGEST));
            try (InputStream in = staged.open()) {
                assertArrayEquals(HELLO, in.readAllBytes());
            }
            Descriptor published = store.blobs().publish(staged, "text/plain");
            assertEquals(new Descriptor("text/plain", HELLO_DIGEST, 5), published);
            assertArrayEquals(HELLO, store.blobs().read(HELLO_DIGEST));
        }
    }

    @Test
    void stagingRefusesBytesThatAreNotWhatWasAnnounced() throws IOException {
        try (ImageStore store = ImageStore.open(root)) {
            Digest other = Digest.of("other");
            BlobCorruptedException wrongDigest = assertThrows(BlobCorruptedException.class,
                    () -> store.blobs().stage(new ByteArrayInputStream(HELLO), other, -1));
            assertEquals("blob " + other + " is corrupt: expected " + other + ", got " + HELLO_DIGEST,
                    wrongDigest.getMessage());
            BlobCorruptedException wrongSize = assertThrows(BlobCorruptedException.class,
                    () -> store.blobs().stage(new ByteArrayInputStream(HELLO), HELLO_DIGEST, 4));
            assertEquals("blob " + HELLO_DIGEST + " is corrupt: expected 4 bytes, got 5", wrongSize.getMessage());
        }
    }

    @Test
    void unpublishedStagedBlobsVanishWithTheSession() throws IOException {
        try (ImageStore store = ImageStore.open(root)) {
            store.blobs().stage(new ByteArrayInputStream(HELLO), null, -1);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString()).filter(p -> !p.equals("lock") && !p.equals("layout-version"))
                    .toList());
        }
    }

    @Test
    void publishingWhatTheStoreHasKeepsTheStoredBlob() throws IOException {
        try (ImageStore store = ImageStore.open(root)) {
            store.blobs().put(HELLO, "text/plain");
            StagedBlob again = store.blobs().stage(new ByteArrayInputStream(HELLO), HELLO_DIGEST, 5);
            assertEquals(HELLO_DIGEST, store.blobs().publish(again, "text/plain").digest());
            assertTrue(store.blobs().has(HELLO_DIGEST));
            assertEquals(List.of(HELLO_DIGEST), store.blobs().list());
        }
    }
}
