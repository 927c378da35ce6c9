package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneTest {
    @TempDir
    Path root;
    @TempDir
    Path scratch;
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
    void pruneRemovesUnreferencedBlobsAndKeepsReferencedOnes() throws IOException {
        ImageRecord kept = Trees.image(store, scratch, "kept", "app");
        Descriptor stray = store.blobs().put("nobody needs me".getBytes(), "x");
        Prune.Report report = store.prune();
        assertEquals(1, report.blobsRemoved());
        assertEquals(stray.size(), report.bytesFreed());
        assertFalse(store.blobs().has(stray.digest()));
        for (Digest needed : List.of(kept.id(), kept.manifestDigest(), kept.diffIds().get(0))) {
            assertTrue(store.blobs().has(needed), needed.value());
        }
        assertTrue(store.check().isClean());
        assertEquals(kept.id(), store.image("app").id());
    }

    @Test
    void pruneRemovesUntaggedImagesWithTheirBlobsAndSnapshots() throws IOException {
        ImageRecord old = Trees.image(store, scratch, "old", "app");
        store.layers().snapshot(old);
        store.compressedCache().compressed(old.diffIds().get(0), Compression.GZIP);
        ImageRecord current = Trees.image(store, scratch, "new", "app");
        Prune.Report report = store.prune();
        assertEquals(List.of(old.id()), report.removedImages());
        assertEquals(4, report.blobsRemoved(), "manifest, config, layer and its gzip variant");
        assertEquals(1, report.snapshotsRemoved());
        assertEquals(1, report.mappingsRemoved());
        assertEquals(List.of(current.id()), store.list().stream().map(ImageRecord::id).toList());
        assertTrue(store.layers().snapshots().isEmpty());
        assertTrue(store.check().isClean());
    }

    @Test
    void pruneRemovesTheTempAreasOfDeadProcessesButNotItsOwn() throws IOException {
        Path dead = Files.createDirectories(root.resolve("tmp/dead-session"));
        Files.writeString(dead.resolve("owner"), "");
        Files.writeString(dead.resolve("blob-1"), "half written");
        Files.writeString(root.resolve("tmp/loose"), "x");
        Prune.Report report = store.prune();
        assertEquals(2, report.tempEntriesRemoved());
        assertFalse(Files.exists(dead));
        assertTrue(Files.isDirectory(store.session().dir()));
    }

    @Test
    void pruneSparesWhatAnotherLiveSessionWroteSinceItStarted() throws IOException {
        try (ImageStore builder = ImageStore.open(root)) {
            Descriptor inProgress = builder.blobs().put("a layer a build is about to reference".getBytes(), "x");
            Prune.Report report = store.prune();
            assertEquals(0, report.blobsRemoved());
            assertEquals(0, report.tempEntriesRemoved());
            assertTrue(store.blobs().has(inProgress.digest()));
            assertTrue(Files.isDirectory(builder.session().dir()));
        }
        assertEquals(1, store.prune().blobsRemoved(), "once that session is gone the blob is garbage");
    }

    @Test
    void pruneOfAnEmptyStoreDoesNothing() throws IOException {
        Prune.Report report = store.prune();
        assertEquals(new Prune.Report(List.of(), 0, 0, 0, 0, 0), report);
        try (Stream<Path> blobs = Files.list(root.resolve("blobs/sha256"))) {
            assertEquals(0, blobs.count());
        }
    }
}
