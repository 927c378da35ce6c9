package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreCheckTest extends StoreTest {

    @Test
    void goodStoreIsClean() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app", "app:2");
        store.layers().diffs(image);
        store.compressedCache().compressed(image.diffIds().get(0), Compression.GZIP);
        StoreCheck.Report report = store.check();
        assertEquals(List.of(), report.problems());
        assertTrue(report.isClean());
        assertEquals(4, report.blobsChecked(), "layer, gzip layer, config, manifest");
        assertEquals(1, report.imagesChecked());
        assertEquals(2, report.referencesChecked());
        assertEquals(1, report.snapshotsChecked());
    }

    @Test
    void emptyStoreIsClean() throws IOException {
        assertTrue(store.check().isClean());
    }

    @Test
    void deletedLayerBlobIsReported() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app");
        Files.delete(store.blobs().path(image.diffIds().get(0)));
        StoreCheck.Report report = store.check();
        assertEquals(List.of(new StoreCheck.Problem(StoreCheck.Kind.MISSING_BLOB, image.diffIds().get(0).value(),
                "layer " + image.diffIds().get(0) + " of image " + image.shortId() + " is missing")), report.problems());
    }

    @Test
    void corruptedConfigBlobIsReportedWithBothDigests() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app");
        Path config = store.blobs().path(image.id());
        byte[] bytes = Files.readAllBytes(config);
        bytes[1] = (byte) ' ';
        Files.write(config, bytes);
        StoreCheck.Report report = store.check();
        assertEquals(1, report.problems().size(), report.problems().toString());
        StoreCheck.Problem problem = report.problems().get(0);
        assertEquals(StoreCheck.Kind.CORRUPT_BLOB, problem.kind());
        assertEquals("blob " + image.id() + " is corrupt: expected " + image.id() + ", got " + Digest.of(bytes),
                problem.message());
    }

    @Test
    void danglingReferenceIsReported() throws IOException {
        Trees.image(store, scratch, "x", "app");
        Digest nowhere = Digest.of("nowhere");
        String table = Files.readString(root.resolve("references.json"));
        Files.writeString(root.resolve("references.json"), table.replace("\"references\":{",
                "\"references\":{\"docker.io/library/ghost:latest\":\"" + nowhere + "\","));
        StoreCheck.Report report = store.check();
        assertEquals(List.of(new StoreCheck.Problem(StoreCheck.Kind.DANGLING_REFERENCE, "ghost:latest",
                "reference ghost:latest points to " + nowhere + ", which is not an image of the store")),
                report.problems());
    }

    @Test
    void missingManifestAndUnreadableTableAndStrayFilesAreReported() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app");
        Files.delete(store.blobs().path(image.manifestDigest()));
        Files.writeString(root.resolve("blobs/sha256/not-a-digest"), "x");
        List<StoreCheck.Kind> kinds = store.check().problems().stream().map(StoreCheck.Problem::kind).toList();
        assertEquals(List.of(StoreCheck.Kind.STRAY_FILE, StoreCheck.Kind.DANGLING_REFERENCE,
                StoreCheck.Kind.MISSING_BLOB), kinds);
        Files.writeString(root.resolve("references.json"), "{broken");
        assertEquals(StoreCheck.Kind.UNREADABLE_TABLE, store.check().problems().get(0).kind());
    }

    @Test
    void brokenSnapshotAndMappingAreReported() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app");
        Path rootfs = store.layers().diffs(image).get(0);
        Files.delete(rootfs.getParent().resolve("snapshot.json"));
        Descriptor gz = store.compressedCache().compressed(image.diffIds().get(0), Compression.GZIP);
        Files.delete(store.blobs().path(gz.digest()));
        List<StoreCheck.Kind> kinds = store.check().problems().stream().map(StoreCheck.Problem::kind).toList();
        assertEquals(List.of(StoreCheck.Kind.BROKEN_SNAPSHOT, StoreCheck.Kind.BROKEN_MAPPING), kinds);
    }
}
