package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.builder.cache.BuildCache;
import dev.jbuild.builder.cache.CachePruner;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code jbuild prune}'s build-cache part on real builds: records, their blobs and their diff directories. */
class CachePruneTest extends FreshBuilderTest {
    private static final long EPOCH = 1_700_000_000L;
    /** An untagged intermediate stage {@code deps} and a tagged final stage that copies from it. */
    private static final String TWO_STAGES = "FROM busybox AS deps\nRUN echo deps > /deps\nRUN echo more > /more\n"
            + "FROM busybox\nCOPY --from=deps /deps /copied\nRUN echo app > /app\n";

    Digest busybox;

    @BeforeEach
    void setUp() throws Exception {
        busybox = fixture.store.image("busybox").diffIds().get(0);
    }

    private BuildResult buildTwoStages() throws Exception {
        return fixture.build(TWO_STAGES, null, Map.of(), b -> b.sourceDateEpoch(EPOCH).tag("app:v1"));
    }

    private BuildCache cache() throws IOException {
        return new BuildCache(fixture.store.layout());
    }

    /** The record whose stack is exactly this one. */
    private BuildCache.Entry recordOf(List<Digest> stack) throws IOException {
        return cache().entries().stream().filter(e -> e.record().stack().equals(stack)).findFirst().orElseThrow();
    }

    private Set<Digest> recordKeys() throws IOException {
        Set<Digest> keys = new HashSet<>();
        cache().entries().forEach(e -> keys.add(e.key()));
        return keys;
    }

    private Set<Digest> diffChains() throws IOException {
        return Set.copyOf(fixture.store.layers().snapshots());
    }

    private static Digest chain(Digest... diffIds) {
        return LayerStore.chainId(List.of(diffIds));
    }

    private static void lastUsed(BuildCache.Entry entry, Instant when) throws IOException {
        Files.setLastModifiedTime(entry.file(), FileTime.from(when));
    }

    private static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }

    @Test
    void recordsKeepTheWholeStackTheirStepProduced() throws Exception {
        BuildResult result = buildTwoStages();
        List<Digest> image = result.image().diffIds();
        assertEquals(4, cache().entries().size());
        assertEquals(List.of(busybox, image.get(1)), recordOf(image.subList(0, 2)).record().stack());
        assertEquals(image, recordOf(image).record().stack());
        long depsRecords = cache().entries().stream().filter(e -> !image.containsAll(e.record().stack())).count();
        assertEquals(2, depsRecords, "the two RUNs of the untagged stage");
    }

    @Test
    void plainPruneRemovesTheWholeCacheAndTheDiffsOfChainsNoImageHas() throws Exception {
        BuildResult first = buildTwoStages();
        List<Digest> image = first.image().diffIds();
        List<Digest> deps = cache().entries().stream().map(e -> e.record().stack())
                .filter(stack -> stack.size() == 3 && !stack.equals(image)).findFirst().orElseThrow();
        // the deps stage also built as an untagged image: prune removes it with the cache
        fixture.build(TWO_STAGES, null, Map.of(), "deps", b -> b.sourceDateEpoch(EPOCH));
        Set<Digest> keys = recordKeys();
        long depsCache = blobSize(deps.get(1)) + blobSize(deps.get(2)) + treeSize(chain(busybox, deps.get(1)), deps.get(1))
                + treeSize(chain(busybox, deps.get(1), deps.get(2)), deps.get(2));
        assertEquals(Set.of(chain(busybox), chain(busybox, image.get(1)), chain(busybox, image.get(1), image.get(2)),
                chain(busybox, deps.get(1)), chain(busybox, deps.get(1), deps.get(2))), diffChains());

        CachePruner.Report report = new CachePruner(fixture.store).prune(CachePruner.Options.everything());

        assertEquals(1, report.store().removedImages().size(), "the untagged deps image");
        assertEquals(keys, Set.copyOf(report.removedRecords()));
        assertEquals(Set.of(), recordKeys());
        assertEquals(0, report.recordsKept());
        assertEquals(2, report.store().snapshotsRemoved());
        assertEquals(Set.of(chain(busybox), chain(busybox, image.get(1)), chain(busybox, image.get(1), image.get(2))),
                diffChains(), "the tagged image keeps its diffs");
        assertFalse(fixture.store.blobs().has(deps.get(1)));
        assertFalse(fixture.store.blobs().has(deps.get(2)));
        assertEquals(depsCache, report.cacheSizeBefore(), "only the deps stage costs more than the image");
        assertEquals(0, report.cacheSizeAfter());
        assertTrue(report.bytesFreed() > depsCache, "the deps image's manifest and config, and the records too");
        assertTrue(fixture.store.check().isClean());

        BuildResult again = buildTwoStages();
        assertEquals(0, fixture.cachedSteps());
        assertEquals(4, fixture.ranSteps());
        assertEquals(first.image().id(), again.image().id());
    }

    @Test
    void untilRemovesOnlyRecordsUnusedForThatLongAndKeepsWhatTheOthersNeed() throws Exception {
        BuildResult first = buildTwoStages();
        List<Digest> image = first.image().diffIds();
        List<BuildCache.Entry> depsRecords = cache().entries().stream()
                .filter(e -> !image.containsAll(e.record().stack())).sorted((a, b) -> Integer.compare(
                        a.record().stack().size(), b.record().stack().size())).toList();
        BuildCache.Entry depsFirst = depsRecords.get(0);
        BuildCache.Entry depsSecond = depsRecords.get(1);
        BuildCache.Entry copy = recordOf(image.subList(0, 2));
        BuildCache.Entry run = recordOf(image);
        lastUsed(depsSecond, daysAgo(2));
        lastUsed(run, daysAgo(3));
        Digest d1 = depsFirst.record().diffId();
        Digest d2 = depsSecond.record().diffId();

        CachePruner.Report report = new CachePruner(fixture.store)
                .prune(new CachePruner.Options(Instant.now().minus(Duration.ofHours(24)), null));

        assertEquals(List.of(run.key(), depsSecond.key()), report.removedRecords(), "least recently used first");
        assertEquals(Set.of(depsFirst.key(), copy.key()), recordKeys());
        assertTrue(fixture.store.blobs().has(d1), "the kept record of the untagged stage keeps its blob");
        assertFalse(fixture.store.blobs().has(d2));
        assertTrue(diffChains().contains(chain(busybox, d1)));
        assertFalse(diffChains().contains(chain(busybox, d1, d2)));
        assertEquals(1, report.store().snapshotsRemoved());
        assertTrue(fixture.store.blobs().has(image.get(2)), "the image's layer stays with the image");

        fixture = fixture.reopen();
        BuildResult again = buildTwoStages();
        assertEquals(2, fixture.cachedSteps(), "the first RUN of deps and the COPY");
        assertEquals(2, fixture.ranSteps());
        assertEquals(first.image().id(), again.image().id());
    }

    @Test
    void keepStorageRemovesLeastRecentlyUsedRecordsUntilTheCacheFits() throws Exception {
        String dockerfile = "FROM busybox\nRUN head -c 200000 /dev/zero > /a\nRUN head -c 300000 /dev/zero > /b\n"
                + "RUN head -c 400000 /dev/zero > /c\n";
        BuildResult result = fixture.build(dockerfile, null); // untagged: prune removes the image too
        List<Digest> layers = result.image().diffIds();
        Digest a = layers.get(1);
        Digest b = layers.get(2);
        Digest c = layers.get(3);
        BuildCache.Entry first = recordOf(List.of(busybox, a));
        BuildCache.Entry second = recordOf(List.of(busybox, a, b));
        BuildCache.Entry third = recordOf(List.of(busybox, a, b, c));
        // the oldest is the smallest: it frees only its blob (a tar split of a few hundred bytes), since its
        // diff is shared with the others; the next frees c's blob and diff, and the cache fits
        lastUsed(first, daysAgo(3));
        lastUsed(third, daysAgo(2));
        lastUsed(second, daysAgo(1));
        long blobs = blobSize(a) + blobSize(b) + blobSize(c);
        long diffs = treeSize(chain(busybox, a), a) + treeSize(chain(busybox, a, b), b)
                + treeSize(chain(busybox, a, b, c), c);
        long afterSecond = blobSize(b) + treeSize(chain(busybox, a), a) + treeSize(chain(busybox, a, b), b);

        CachePruner.Report report = new CachePruner(fixture.store).prune(new CachePruner.Options(null, 600_000L));

        assertEquals(blobs + diffs, report.cacheSizeBefore());
        assertEquals(List.of(first.key(), third.key()), report.removedRecords());
        assertEquals(Set.of(second.key()), recordKeys());
        assertEquals(afterSecond, report.cacheSizeAfter());
        assertTrue(report.cacheSizeAfter() <= 600_000L);
        assertEquals(Set.of(chain(busybox), chain(busybox, a), chain(busybox, a, b)), diffChains());
        assertTrue(fixture.store.blobs().has(b));
        assertFalse(fixture.store.blobs().has(a));
        assertFalse(fixture.store.blobs().has(c));
    }

    @Test
    void keepStorageZeroRemovesEverything() throws Exception {
        BuildResult first = buildTwoStages();
        CachePruner.Report report = new CachePruner(fixture.store).prune(new CachePruner.Options(null, 0L));
        assertEquals(4, report.removedRecords().size(), "records that cost nothing beyond the image go too");
        assertEquals(Set.of(), recordKeys());
        assertEquals(Set.copyOf(LayerStore.chainIds(first.image().diffIds())), diffChains());
    }

    @Test
    void aCacheAlreadyUnderTheCapLosesNothing() throws Exception {
        buildTwoStages();
        Set<Digest> keys = recordKeys();
        Set<Digest> chains = diffChains();
        CachePruner.Report report = new CachePruner(fixture.store).prune(new CachePruner.Options(null, 1L << 30));
        assertEquals(List.of(), report.removedRecords());
        assertEquals(keys, recordKeys());
        assertEquals(chains, diffChains());
        assertEquals(report.cacheSizeBefore(), report.cacheSizeAfter());
        assertEquals(List.of(), report.store().removedImages(), "the image is tagged");
    }

    @Test
    void recordsWithoutAStackAreRemovedEvenWhenRecentAndUpgradedWhenUsed() throws Exception {
        BuildResult first = buildTwoStages();
        BuildCache.Entry copy = recordOf(first.image().diffIds().subList(0, 2));
        // a record as jbuild wrote them before they kept their stack
        Path old = copy.file();
        String json = Files.readString(old).replaceFirst(",\"stack\":\\[[^\\]]*\\]", "");
        assertFalse(json.contains("stack"), json);
        Files.writeString(old, json);
        assertFalse(cache().entries().stream().filter(e -> e.key().equals(copy.key())).findFirst().orElseThrow()
                .record().knowsItsStack());

        buildTwoStages();
        assertEquals(4, fixture.cachedSteps(), "an old record still works");
        assertEquals(first.image().diffIds().subList(0, 2), recordOf(first.image().diffIds().subList(0, 2))
                .record().stack(), "and learns its stack when used");

        Files.writeString(old, json);
        CachePruner.Report report = new CachePruner(fixture.store)
                .prune(new CachePruner.Options(Instant.now().minus(Duration.ofHours(24)), null));
        assertEquals(List.of(copy.key()), report.removedRecords());
        assertEquals(3, recordKeys().size());
    }

    @Test
    void recordsUsedSinceAnotherProcessStartedAreSparedWithWhatTheyNeed() throws Exception {
        BuildResult result = buildTwoStages();
        List<Digest> image = result.image().diffIds();
        for (BuildCache.Entry entry : cache().entries()) {
            lastUsed(entry, Instant.now().minus(Duration.ofHours(1)));
        }
        BuildCache.Entry depsSecond = cache().entries().stream()
                .filter(e -> e.record().stack().size() == 3 && !e.record().stack().equals(image))
                .findFirst().orElseThrow();
        try (ImageStore other = ImageStore.open(fixture.store.root())) {
            Thread.sleep(20);
            lastUsed(depsSecond, Instant.now()); // a lookup by the other process
            CachePruner.Report report = new CachePruner(fixture.store).prune(CachePruner.Options.everything());
            assertEquals(3, report.removedRecords().size());
            assertEquals(Set.of(depsSecond.key()), recordKeys());
            List<Digest> stack = depsSecond.record().stack();
            assertTrue(fixture.store.blobs().has(stack.get(2)));
            assertTrue(diffChains().containsAll(LayerStore.chainIds(stack)), "every prefix of its stack");
        }
    }

    /** What a layer's blob takes on disk: its file, or for a layer kept as a tar split (a built one), the split. */
    private long blobSize(Digest digest) throws IOException {
        return fixture.store.blobs().storedSize(digest);
    }

    /** Bytes of the regular files of a chain's diff directory (and the layer's sanity: it is there). */
    private long treeSize(Digest chain, Digest layer) throws IOException {
        Path diff = fixture.store.layers().diffDir(chain);
        assertTrue(Files.isDirectory(diff), "diff of " + layer);
        List<Long> sizes = new ArrayList<>();
        Files.walkFileTree(diff, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                sizes.add(attributes.isRegularFile() ? attributes.size() : 0);
                return FileVisitResult.CONTINUE;
            }
        });
        return sizes.stream().mapToLong(Long::longValue).sum();
    }
}
