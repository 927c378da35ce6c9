package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.builder.cache.BuildCache;
import dev.jbuild.builder.cache.CachePruner;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.LayerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code jbuild prune} is one pass over one store: images, blobs, snapshots (whoever made them: import,
 * a build step) and build-cache records. After it, what is left is exactly what the remaining images and
 * the kept records name, and all of that is there.
 */
class OneCollectorTest extends FreshBuilderTest {
    private static final String BUILD = "FROM busybox AS deps\nRUN echo deps > /deps\nRUN echo more > /more\n"
            + "FROM busybox\nCOPY --from=deps /deps /copied\nRUN echo app > /app\n";

    @Test
    void pruningEverythingLeavesExactlyWhatTheRemainingImagesName() throws Exception {
        fixture.build(BUILD, null, Map.of(), b -> b.tag("app:v1"));
        fixture.build(BUILD, null, Map.of(), "deps", b -> { }); // an untagged image of the deps stage
        fixture.build(BUILD.replace("echo app", "echo other"), null, Map.of(), b -> b.tag("app:v1")); // app:v1 moves
        int snapshotsBefore = fixture.store.layers().snapshots().size();

        CachePruner.Report report = new CachePruner(fixture.store).prune(CachePruner.Options.everything());

        assertEquals(2, report.store().removedImages().size(), "the untagged deps image and the old app:v1");
        assertEquals(0, report.recordsKept());
        assertEquals(Set.of(), Set.copyOf(cacheKeys()));
        Named named = named();
        assertEquals(named.chains(), new TreeSet<>(fixture.store.layers().snapshots()),
                "the snapshots left are exactly the chains of the remaining images");
        assertEquals(named.blobs(), blobFiles(), "the blob files left are exactly what the images name");
        for (Digest chain : named.chains()) {
            assertTrue(Files.isDirectory(fixture.store.layers().diffDir(chain)), "snapshot " + chain);
        }
        assertTrue(fixture.store.layers().snapshots().size() < snapshotsBefore, "there was garbage, and it went");
        assertTrue(fixture.store.check().isClean(), fixture.store.check().problems().toString());
    }

    @Test
    void keptRecordsKeepTheirBlobsAndSnapshotsThroughTheSamePass() throws Exception {
        fixture.build(BUILD, null, Map.of(), b -> b.tag("app:v1"));
        Set<Digest> recordChains = new TreeSet<>();
        Set<Digest> recordBlobs = new TreeSet<>();
        for (BuildCache.Entry entry : new BuildCache(fixture.store.layout()).entries()) {
            recordChains.addAll(LayerStore.chainIds(entry.record().stack()));
            recordBlobs.add(entry.record().diffId());
        }

        CachePruner.Report report = new CachePruner(fixture.store)
                .prune(new CachePruner.Options(null, Long.MAX_VALUE)); // a limit the cache is far below: keep it

        assertEquals(0, report.removedRecords().size());
        Named named = named();
        Set<Digest> chains = new TreeSet<>(named.chains());
        chains.addAll(recordChains);
        assertEquals(chains, new TreeSet<>(fixture.store.layers().snapshots()),
                "the image's chains and the records' chains, nothing else");
        for (Digest blob : recordBlobs) {
            assertTrue(fixture.store.blobs().has(blob), "the layer of a kept record " + blob);
        }
        fixture = fixture.reopen();
        fixture.build(BUILD, null, Map.of(), b -> b.tag("app:v1"));
        assertEquals(0, fixture.ranSteps(), "every step is still a hit");
    }

    private record Named(Set<Digest> blobs, Set<Digest> chains) {
    }

    /** What the remaining images name: manifests, configs, layer blobs; the chain of every layer prefix. */
    private Named named() throws Exception {
        Set<Digest> blobs = new TreeSet<>();
        Set<Digest> chains = new TreeSet<>();
        for (ImageRecord image : fixture.store.list()) {
            blobs.add(image.manifestDigest());
            blobs.add(image.id());
            for (Descriptor layer : image.manifest().layers()) {
                blobs.add(layer.digest());
            }
            chains.addAll(LayerStore.chainIds(image.diffIds()));
        }
        return new Named(blobs, chains);
    }

    /** Blob files, plus the layers kept as snapshot and tar split (which have no file). */
    private Set<Digest> blobFiles() throws Exception {
        Set<Digest> out = new TreeSet<>();
        for (String dirName : new String[] {"blobs/sha256", "tar-splits"}) {
            Path blobs = fixture.store.root().resolve(dirName);
            if (Files.isDirectory(blobs)) {
                try (Stream<Path> files = Files.list(blobs)) {
                    files.forEach(file -> out.add(Digest.ofHex(file.getFileName().toString())));
                }
            }
        }
        return out;
    }

    private Set<Digest> cacheKeys() throws Exception {
        Set<Digest> keys = new TreeSet<>();
        new BuildCache(fixture.store.layout()).entries().forEach(entry -> keys.add(entry.key()));
        return keys;
    }
}
