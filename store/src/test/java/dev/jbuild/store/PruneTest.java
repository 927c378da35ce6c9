package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneTest extends StoreTest {

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
        store.layers().diffs(old);
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

    @Test
    void extraRootsKeepBlobsNoImageNamesWithTheirCompressedVariants() throws IOException {
        Descriptor cached = Trees.layerOf(store, Trees.write(Files.createTempDirectory(scratch, "l"), "a.txt", "a")
                .getParent());
        Descriptor gzip = store.compressedCache().compressed(cached.digest(), Compression.GZIP);
        Descriptor stray = store.blobs().put("nobody needs me".getBytes(), "x");
        Prune.Report report = store.prune(Prune.Options.everything().withExtraRoots(images -> Prune.Roots.blobs(Set.of(cached.digest()))));
        assertEquals(1, report.blobsRemoved());
        assertEquals(0, report.mappingsRemoved());
        assertTrue(store.blobs().has(cached.digest()));
        assertTrue(store.blobs().has(gzip.digest()));
        assertFalse(store.blobs().has(stray.digest()));

        Prune.Report withoutRoots = store.prune();
        assertEquals(2, withoutRoots.blobsRemoved(), "the layer and its gzip variant");
        assertFalse(store.blobs().has(cached.digest()));
    }

    @Test
    void extraRootsAreAskedAfterUntaggedImagesAreGoneAndSeeWhatTheRestNeeds() throws IOException {
        ImageRecord old = Trees.image(store, scratch, "old", "app");
        ImageRecord current = Trees.image(store, scratch, "new", "app");
        store.layers().diffs(current);
        List<Prune.ImageNeeds> seen = new ArrayList<>();
        List<Digest> imagesWhenAsked = new ArrayList<>();
        store.prune(Prune.Options.everything().withExtraRoots(images -> {
            seen.add(images);
            store.list().forEach(image -> imagesWhenAsked.add(image.id()));
            return Prune.Roots.blobs(Set.of(old.diffIds().get(0)));
        }));
        assertEquals(1, seen.size());
        assertEquals(List.of(current.id()), imagesWhenAsked);
        Prune.ImageNeeds needs = seen.get(0);
        assertEquals(Set.of(current.manifestDigest(), current.id(), current.diffIds().get(0)), needs.blobs());
        assertEquals(Set.of(LayerStore.chainId(current.diffIds())), needs.chains());
        assertTrue(store.blobs().has(old.diffIds().get(0)), "kept by the extra root");
        assertFalse(store.blobs().has(old.id()));
        assertFalse(store.blobs().has(old.manifestDigest()));
    }

    @Test
    void untilRemovesOnlyUntaggedImagesCreatedBeforeTheCutoff() throws IOException {
        Instant cutoff = Instant.parse("2024-01-01T00:00:00Z");
        ImageRecord older = imageCreated("older", Instant.parse("2023-06-01T00:00:00Z"));
        ImageRecord newer = imageCreated("newer", Instant.parse("2024-06-01T00:00:00Z"));
        ImageRecord undated = imageCreated("undated", null);
        ImageRecord tagged = imageCreated("tagged", Instant.parse("2020-01-01T00:00:00Z"), "app:v1");
        Prune.Report report = store.prune(Prune.Options.everything().withUntaggedCreatedBefore(cutoff));
        assertEquals(Set.of(older.id(), undated.id()), Set.copyOf(report.removedImages()));
        assertEquals(Set.of(newer.id(), tagged.id()), Set.copyOf(store.list().stream().map(ImageRecord::id).toList()));
        assertTrue(store.blobs().has(newer.diffIds().get(0)));
        assertFalse(store.blobs().has(older.diffIds().get(0)));
        assertTrue(store.check().isClean());
    }

    @Test
    void oldestOtherSessionStartIsEmptyAloneAndTheOtherSessionsStartOtherwise() throws IOException {
        assertTrue(store.oldestOtherSessionStart().isEmpty(), "its own session does not count");
        try (ImageStore other = ImageStore.open(root)) {
            Instant start = Files.getLastModifiedTime(other.session().dir().resolve(StoreSession.OWNER)).toInstant();
            assertEquals(start, store.oldestOtherSessionStart().orElseThrow());
        }
        assertTrue(store.oldestOtherSessionStart().isEmpty());
    }

    private ImageRecord imageCreated(String content, Instant created, String... tags) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "tree");
        Trees.write(dir, "file.txt", content);
        Descriptor layer = Trees.layerOf(store, dir);
        ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux")).withCreated(created)
                .withLayer(layer.digest(), new HistoryEntry(null, "ADD file.txt /", "", "", false));
        return store.writeImage(config, List.of(layer), tags);
    }
}
