package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildRequest;
import dev.jbuild.builder.BuildResult;
import dev.jbuild.builder.ImageBuilder;
import dev.jbuild.builder.cache.CacheExport;
import dev.jbuild.builder.cache.CacheTransport;
import dev.jbuild.builder.cache.LocalCacheDirectory;
import dev.jbuild.builder.cache.SharedCache;
import dev.jbuild.builder.files.DockerFileCopier;
import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.registry.testing.LoopbackProxy;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.LayerStore;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores standing for two machines share a build cache through a registry (and through a
 * directory): the second one, empty but for what it pulls, builds the same Dockerfile fully cached and
 * downloads only the layers the final image holds. Builds run for real (runc, overlay or vfs).
 */
class SharedBuildCacheTest {
    @TempDir
    Path scratch;
    RegistryServer registry;
    LoopbackProxy proxy;
    Path context;
    String dockerfile;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryServer.plain(scratch.resolve("registry"));
        proxy = new LoopbackProxy(registry.baseUrl());
        try (ImageStore seed = ImageStore.open(scratch.resolve("seed"))) {
            TestImages.busybox(seed, scratch, "busybox:latest");
            new ImagePusher(seed, registries(), TransferListener.NONE).push("busybox:latest",
                    Reference.parse(proxy.host() + "/base/busybox:1"), PushOptions.defaults());
        }
        context = Files.createDirectories(scratch.resolve("context"));
        Files.writeString(context.resolve("app.txt"), "the application\n");
        String base = proxy.host() + "/base/busybox:1";
        dockerfile = "FROM " + base + " AS build\n"
                + "RUN seq 1 20000 > /numbers && echo built > /marker\n"
                + "FROM " + base + "\n"
                + "COPY --from=build /numbers /n\n"
                + "RUN wc -l /n > /count\n"
                + "COPY app.txt /app.txt\n";
    }

    @AfterEach
    void stop() {
        proxy.close();
        registry.close();
    }

    private Registries registries() {
        return new Registries(RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                .withDockerConfigDirectory(scratch.resolve("docker")));
    }

    /** One machine: its own store, a builder with the registry as its image source. */
    private record Built(BuildResult result, List<BuildEvent> events) {
        long cached() {
            return events.stream().filter(e -> e instanceof BuildEvent.StepCached).count();
        }

        long ran() {
            return events.stream().filter(e -> e instanceof BuildEvent.StepFinished f
                    && !f.step().text().startsWith("FROM")).count();
        }
    }

    private Built build(ImageStore store, Function<ImageStore, List<SharedCache>> cacheFrom) throws Exception {
        ImageBuilder builder = ImageBuilder.open(store, null, Optional.empty(),
                new DockerFileCopier(store.layout().checksumsDir()));
        BuildRequest.Builder request = BuildRequest.builder(
                GraphBuilder.build(SyntaxParser.parse(dockerfile, "Dockerfile"), Map.of(), null), context)
                .tag("app:1").baseImages(new RegistryBaseImages(store, registries(), TransferListener.NONE));
        cacheFrom.apply(store).forEach(request::cacheFrom);
        List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
        return new Built(builder.build(request.build(), events::add), events);
    }

    private void sharedCacheMakesSecondMachineFullyCached(Function<Path, CacheTransport> transport) throws Exception {
        Built first;
        try (ImageStore machineA = ImageStore.open(scratch.resolve("machine-a"))) {
            first = build(machineA, s -> List.of());
            assertEquals(4, first.ran(), "a cold build runs every step");
            int exported = CacheExport.export(first.result().cacheEntries(), first.result().image().diffIds(),
                    CacheExport.Mode.MAX, machineA, transport.apply(scratch), List.of());
            assertEquals(4, exported, "every filesystem step of both stages");
        }
        Digest buildStageLayer = first.result().cacheEntries().get(0).record().diffId();
        proxy.reset();
        try (ImageStore machineB = ImageStore.open(scratch.resolve("machine-b"))) {
            Built second = build(machineB, s -> {
                try {
                    return List.of(SharedCache.open(transport.apply(scratch), s, m -> { throw new AssertionError(m); }));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(0, second.ran(), "nothing runs on the second machine");
            assertEquals(4, second.cached());
            assertEquals(first.result().image().id(), second.result().image().id(), "the same image, to the byte");
            assertFalse(machineB.compressedCache().cached(buildStageLayer, Compression.GZIP).isPresent(),
                    "the build stage's layer is not in the final image and was never downloaded");
            assertFalse(machineB.blobs().has(buildStageLayer));
            // every layer it does hold unpacks to its diff ID
            try (LayerStore.Merged merged = machineB.layers().merged(second.result().image())) {
                assertEquals("20000 /n\n", Files.readString(merged.rootfs().resolve("count")));
            }
        }
    }

    @Test
    void aCachedLayerThatIsNotWhatItsRecordClaimsIsAMissNeverAWrongLayer() throws Exception {
        Path dir = scratch.resolve("tampered");
        BuildResult honest;
        try (ImageStore machineA = ImageStore.open(scratch.resolve("machine-a"))) {
            honest = build(machineA, s -> List.of()).result();
            List<dev.jbuild.builder.cache.CacheEntry> entries = new ArrayList<>(honest.cacheEntries());
            // A cache whose last two records swapped layers: each blob is intact, each claim is false.
            CacheExport.export(entries, honest.image().diffIds(), CacheExport.Mode.MAX, machineA,
                    new LocalCacheDirectory(dir), List.of());
            List<dev.jbuild.builder.cache.CacheEntry> exported = dev.jbuild.builder.cache.CacheDocument.decode(
                    machineA.blobs().read(documentOf(dir)));
            List<dev.jbuild.builder.cache.CacheEntry> lying = new ArrayList<>(exported);
            lying.set(2, new dev.jbuild.builder.cache.CacheEntry(exported.get(2).key(), exported.get(2).record(),
                    exported.get(3).blob()));
            lying.set(3, new dev.jbuild.builder.cache.CacheEntry(exported.get(3).key(), exported.get(3).record(),
                    exported.get(2).blob()));
            rewrite(dir, machineA, lying);
        }
        try (ImageStore machineB = ImageStore.open(scratch.resolve("machine-b"))) {
            List<String> notices = new ArrayList<>();
            Built second = build(machineB, s -> {
                try {
                    return List.of(SharedCache.open(new LocalCacheDirectory(dir), s, notices::add));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(notices.isEmpty(), notices.toString());
            assertEquals(2, second.ran(), "the two lying records are misses: their steps ran");
            assertTrue(second.events().stream().anyMatch(e -> e instanceof BuildEvent.Notice n
                    && n.message().contains("is not the layer its record claims")), "a notice says so");
            try (LayerStore.Merged merged = machineB.layers().merged(second.result().image())) {
                assertEquals("20000 /n\n", Files.readString(merged.rootfs().resolve("count")));
                assertEquals("the application\n", Files.readString(merged.rootfs().resolve("app.txt")));
            }
            assertEquals(honest.image().diffIds().subList(0, 2), second.result().image().diffIds().subList(0, 2),
                    "the honest records were used");
        }
    }

    private static Digest documentOf(Path dir) throws Exception {
        com.fasterxml.jackson.databind.JsonNode index = dev.jbuild.imagespec.JsonTrees.read(
                Files.readAllBytes(dir.resolve("index.json")));
        String manifest = index.path("manifests").get(0).path("digest").asText();
        com.fasterxml.jackson.databind.JsonNode root = dev.jbuild.imagespec.JsonTrees.read(Files.readAllBytes(
                dir.resolve("blobs/sha256").resolve(manifest.substring(7))));
        return Digest.parse(root.path("config").path("digest").asText());
    }

    /** Writes the cache again with these entries (the blobs are in the directory already). */
    private static void rewrite(Path dir, ImageStore store, List<dev.jbuild.builder.cache.CacheEntry> entries)
            throws Exception {
        byte[] document = dev.jbuild.builder.cache.CacheDocument.encode(entries);
        dev.jbuild.imagespec.Descriptor documentBlob = store.blobs().put(document,
                dev.jbuild.builder.cache.CacheDocument.CONFIG_MEDIA_TYPE);
        List<dev.jbuild.imagespec.Descriptor> blobs = new ArrayList<>();
        entries.forEach(e -> blobs.add(e.blob()));
        List<dev.jbuild.imagespec.Descriptor> all = new ArrayList<>(new java.util.LinkedHashSet<>(blobs));
        all.add(documentBlob);
        new LocalCacheDirectory(dir).write(all, dev.jbuild.builder.cache.CacheDocument.manifest(documentBlob,
                new ArrayList<>(new java.util.LinkedHashSet<>(blobs))), store);
    }

    @Test
    void cacheSharedThroughARegistry() throws Exception {
        sharedCacheMakesSecondMachineFullyCached(dir -> new RegistryCache(
                Reference.parse(proxy.host() + "/cache/app:main"), registries(), TransferListener.NONE));
        assertTrue(proxy.count("GET", "/v2/cache/app/manifests/main") >= 1, "the cache was read from the registry");
    }

    @Test
    void cacheSharedThroughADirectory() throws Exception {
        sharedCacheMakesSecondMachineFullyCached(dir -> new LocalCacheDirectory(dir.resolve("ci-cache")));
        assertTrue(Files.isRegularFile(scratch.resolve("ci-cache/index.json")));
    }
}
