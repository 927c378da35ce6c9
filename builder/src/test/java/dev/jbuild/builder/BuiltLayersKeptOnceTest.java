package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.builder.cache.CachePruner;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.layertar.TarHeader;
import dev.jbuild.layertar.TarReader;
import dev.jbuild.store.BlobCorruptedException;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import dev.jbuild.store.StoreCheck;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A layer a build step makes is on disk once: its diff, as the snapshot of its chain, plus the tar split
 * recorded while its tar was written (headers, padding, and which file of the diff each entry's data is).
 * Every reader of the layer's blob gets the very bytes the step wrote, checked against the layer's
 * digest; a store from before, whose built layers are blob files, keeps working.
 */
class BuiltLayersKeptOnceTest extends FreshBuilderTest {
    private static final String BUILD = "FROM busybox\n"
            + "RUN seq 1 200000 > /numbers && mkdir -p /app/empty && echo hi > /app/hi && ln /app/hi /app/hardlink"
            + " && ln -s hi /app/link && rm /etc/group\n"
            + "COPY data.txt /app/\n";

    private ImageRecord build() throws Exception {
        Path context = BuildFixture.context(dir.resolve("context"), "data.txt", "copied\n".repeat(1000));
        return fixture.build(BUILD, context, Map.of(), b -> b.tag("app:v1")).image();
    }

    private List<Descriptor> builtLayers(ImageRecord image) {
        List<Descriptor> layers = image.manifest().layers();
        return layers.subList(layers.size() - 2, layers.size());
    }

    private Path blobFile(Digest digest) {
        return fixture.store.root().resolve("blobs/sha256").resolve(digest.hex());
    }

    private Path splitOf(ImageRecord image, Digest layer) {
        List<Digest> diffIds = image.diffIds();
        return fixture.store.root().resolve("snapshots")
                .resolve(LayerStore.chainId(diffIds.subList(0, diffIds.indexOf(layer) + 1)).hex())
                .resolve("layer.tar-split");
    }

    @Test
    void aBuiltLayerIsItsSnapshotAndASplitAndReadsBackAsTheTarTheStepWrote() throws Exception {
        ImageRecord image = build();
        for (Descriptor layer : builtLayers(image)) {
            assertEquals(MediaTypes.OCI_LAYER, layer.mediaType());
            assertFalse(Files.exists(blobFile(layer.digest())), "no copy of the tar's bytes for " + layer);
            assertTrue(Files.isRegularFile(fixture.store.root().resolve("tar-splits").resolve(layer.digest().hex())));
            assertTrue(Files.size(splitOf(image, layer.digest())) < 8192,
                    "the split holds headers, not the data: " + Files.size(splitOf(image, layer.digest())));
            assertEquals(layer.size(), fixture.store.blobs().size(layer.digest()));
            byte[] tar;
            try (InputStream in = fixture.store.blobs().open(layer)) {
                tar = in.readAllBytes(); // the end of the stream is where the digest is checked
            }
            assertEquals(layer.digest(), Digest.of(tar));
            assertEquals(layer.size(), tar.length);
        }
        Map<String, String> run = entries(builtLayers(image).get(0));
        assertEquals(numbers(), run.get("numbers"));
        assertEquals("hi\n", run.get("app/hardlink")); // the first name in the tar holds the data
        assertEquals("link to app/hardlink", run.get("app/hi"));
        assertEquals("symlink to hi", run.get("app/link"));
        assertEquals("", run.get("etc/.wh.group"));
        assertEquals("copied\n".repeat(1000), entries(builtLayers(image).get(1)).get("app/data.txt"));
        StoreCheck.Report report = fixture.store.check();
        assertTrue(report.isClean(), report.problems().toString());
    }

    @Test
    void aFileChangedInABuiltLayersSnapshotIsCaughtByItsDigest() throws Exception {
        ImageRecord image = build();
        Digest run = builtLayers(image).get(0).digest();
        Path numbers = splitOf(image, run).resolveSibling("diff").resolve("numbers");
        Files.writeString(numbers, Files.readString(numbers).replace("199999", "199998")); // same size

        StoreCheck.Report report = fixture.store.check();
        assertEquals(List.of(StoreCheck.Kind.CORRUPT_BLOB), report.problems().stream().map(StoreCheck.Problem::kind)
                .toList(), report.problems().toString());
        try (InputStream in = fixture.store.blobs().open(run)) {
            assertThrowsCorrupted(in);
        }
    }

    @Test
    void aStoreWhoseBuiltLayersAreBlobFilesKeepsWorking() throws Exception {
        ImageRecord image = build();
        // What a build before this change left: the layer tar as a blob file, no split.
        for (Descriptor layer : builtLayers(image)) {
            try (InputStream in = fixture.store.blobs().open(layer)) {
                fixture.store.blobs().put(in, layer.mediaType());
            }
            Files.delete(splitOf(image, layer.digest()));
            Files.delete(fixture.store.root().resolve("tar-splits").resolve(layer.digest().hex()));
            assertTrue(Files.isRegularFile(blobFile(layer.digest())));
        }
        fixture = fixture.reopen();

        ImageRecord again = build();
        assertEquals(image.id(), again.id());
        assertEquals(0, fixture.ranSteps(), "the old records still hit");
        for (Descriptor layer : builtLayers(again)) {
            try (InputStream in = fixture.store.blobs().open(layer)) {
                assertEquals(layer.digest(), Digest.of(in.readAllBytes()));
            }
            assertFalse(Files.exists(splitOf(again, layer.digest())), "the blob file is the layer; no split is added");
        }
        assertTrue(fixture.store.check().isClean(), fixture.store.check().problems().toString());
    }

    @Test
    void theCollectorDropsASplitWithItsSnapshot() throws Exception {
        ImageRecord image = build();
        Digest run = builtLayers(image).get(0).digest();
        Path split = splitOf(image, run);
        fixture.store.remove("app:v1", false);

        new CachePruner(fixture.store).prune(CachePruner.Options.everything());

        assertFalse(Files.exists(split.getParent()), "the snapshot went");
        assertFalse(Files.exists(fixture.store.root().resolve("tar-splits").resolve(run.hex())), "and its split's record");
        assertFalse(fixture.store.blobs().has(run));
        assertTrue(fixture.store.check().isClean(), fixture.store.check().problems().toString());
    }

    @Test
    void aLayerTwoStepsMadeOnDifferentParentsKeepsOnlyTheSnapshotTheImageNeeds() throws Exception {
        // The COPY --from makes the very layer the stage's RUN made (one file, same bytes), on another parent.
        String dockerfile = "FROM busybox AS stage\nRUN head -c 100000 /dev/zero > /big\n"
                + "RUN echo small > /small && touch -d @0 /small\nFROM busybox\nCOPY --from=stage /small /small\n";
        ImageRecord image = fixture.build(dockerfile, null, Map.of(), b -> b.tag("app:v1")).image();
        List<Digest> diffIds = image.diffIds();
        Digest small = diffIds.get(diffIds.size() - 1);
        long stageChains = fixture.store.layers().snapshots().stream()
                .filter(chain -> !LayerStore.chainIds(diffIds).contains(chain)).count();
        assertEquals(2, stageChains, "the stage's two steps have snapshots of their own");

        CachePruner.Report report = new CachePruner(fixture.store).prune(CachePruner.Options.everything());

        assertEquals(java.util.Set.copyOf(LayerStore.chainIds(diffIds)),
                java.util.Set.copyOf(fixture.store.layers().snapshots()), "the stage's snapshots went");
        assertEquals(2, report.store().snapshotsRemoved());
        assertEquals(1, report.store().blobsRemoved(), "the stage's first layer, kept as a split");
        try (InputStream in = fixture.store.blobs().open(small)) {
            assertEquals(small, Digest.of(in.readAllBytes()), "the image's own snapshot stands in for the layer");
        }
        assertTrue(fixture.store.check().isClean(), fixture.store.check().problems().toString());
    }

    /** As {@code jbuild rmi} does: the build cache's layers stay, and so must the snapshots that hold them. */
    @Test
    void removingTheImageKeepsTheSnapshotsOfTheLayersTheBuildCacheKeeps() throws Exception {
        ImageRecord image = build();
        fixture.store.remove("app:v1", false, new dev.jbuild.builder.cache.BuildCache(fixture.store.layout()).layerBlobs());

        for (Descriptor layer : builtLayers(image)) {
            try (InputStream in = fixture.store.blobs().open(layer)) {
                assertEquals(layer.digest(), Digest.of(in.readAllBytes()), "still there, and whole: " + layer);
            }
        }
        assertEquals(image.id(), build().id());
        assertEquals(0, fixture.ranSteps(), "the rebuild is cached");
        assertTrue(fixture.store.check().isClean(), fixture.store.check().problems().toString());
    }

    /** Another process's build may be about to name a layer it just kept: its split is spared as a blob file is. */
    @Test
    void removingAnImageSparesTheSplitsWrittenWhileAnotherSessionLives() throws Exception {
        ImageRecord image;
        List<Descriptor> layers;
        try (ImageStore other = ImageStore.open(fixture.store.root())) {
            image = build();
            layers = builtLayers(image);
            fixture.store.remove("app:v1", false, java.util.Set.of());

            for (Descriptor layer : layers) {
                try (InputStream in = fixture.store.blobs().open(layer)) {
                    assertEquals(layer.digest(), Digest.of(in.readAllBytes()), "spared: " + layer);
                }
            }
        }
        fixture.store.prune();
        for (Descriptor layer : layers) {
            assertFalse(fixture.store.blobs().has(layer.digest()), "collected once no other session lives: " + layer);
        }
    }

    @Test
    void aConsumerThatNeedsAFileGetsOneAndTheStoreStillHoldsOneCopy() throws Exception {
        ImageRecord image = build();
        Descriptor layer = builtLayers(image).get(0);
        Path file = fixture.store.blobs().path(layer.digest());
        assertEquals(layer.digest(), Digest.of(Files.readAllBytes(file)));
        assertFalse(Files.exists(blobFile(layer.digest())), "written out for the caller, not kept as a blob");
        assertTrue(fixture.store.blobs().storedSize(layer.digest()) < 8192, "a split's stored size is the split's");
    }

    private static String numbers() {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= 200000; i++) {
            out.append(i).append('\n');
        }
        return out.toString();
    }

    /** The layer's entries by name: a regular file's text, or what a link points at. */
    private Map<String, String> entries(Descriptor layer) throws Exception {
        byte[] tar;
        try (InputStream in = fixture.store.blobs().open(layer)) {
            tar = in.readAllBytes();
        }
        Map<String, String> out = new HashMap<>();
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        TarHeader header;
        while ((header = reader.next()) != null) {
            String name = header.name().endsWith("/") ? header.name().substring(0, header.name().length() - 1)
                    : header.name();
            switch (header.type()) {
                case REGULAR -> out.put(name, new String(reader.data().readAllBytes(), StandardCharsets.UTF_8));
                case HARDLINK -> out.put(name, "link to " + header.linkName());
                case SYMLINK -> out.put(name, "symlink to " + header.linkName());
                default -> out.put(name, header.type().toString());
            }
        }
        return out;
    }

    private static void assertThrowsCorrupted(InputStream in) {
        BlobCorruptedException thrown = null;
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (BlobCorruptedException e) {
            thrown = e;
        } catch (java.io.IOException e) {
            throw new AssertionError("expected a corrupted blob, got " + e, e);
        }
        assertNotNull(thrown, "reading a changed layer must fail its digest check");
    }
}
