package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.registry.testing.LoopbackProxy;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry that dies, a proxy that lies, a connection that drops, and the errors users read. */
class FaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;
    RegistryServer registry;
    LoopbackProxy proxy;
    ImageStore first;
    ImageStore second;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryServer.plain(scratch.resolve("registry"));
        proxy = new LoopbackProxy(registry.baseUrl());
        first = ImageStore.open(scratch.resolve("first"));
        second = ImageStore.open(scratch.resolve("second"));
    }

    @AfterEach
    void stop() throws Exception {
        first.close();
        second.close();
        proxy.close();
        registry.close();
    }

    private Registries registries(int attempts) {
        return new Registries(RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                .withDockerConfigDirectory(scratch.resolve("docker"))
                .withRetry(new RegistrySettings.RetryPolicy(attempts, Duration.ofMillis(20), Duration.ofMillis(100))));
    }

    private Reference pushed(String name, int layers, int size, long seed) throws Exception {
        TestImages.layered(first, scratch, layers, size, seed, "src:" + seed);
        Reference ref = Reference.parse(registry.host() + "/" + name);
        new ImagePusher(first, registries(3), TransferListener.NONE).push("src:" + seed, ref, PushOptions.defaults());
        return ref;
    }

    @Test
    void wrongBytesFromAProxyAreRefusedAndNothingIsStored() throws Exception {
        Reference ref = pushed("lied:1", 3, 50_000, 20);
        ImageRecord source = first.image("src:20");
        String victim = "/blobs/" + pushedLayer(source, 1);
        proxy.fault((method, path, range) -> method.equals("GET") && path.endsWith(victim)
                ? LoopbackProxy.Action.CORRUPT : LoopbackProxy.Action.PASS);
        List<String> before = listing(second.root());
        BlobMismatchException refused = assertThrows(BlobMismatchException.class, () -> new ImagePuller(second,
                registries(3), TransferListener.NONE).pull(Reference.parse(proxy.host() + "/lied:1")));
        assertTrue(refused.getMessage().contains("nothing was stored"), refused.getMessage());
        assertTrue(second.list().isEmpty());
        assertTrue(second.blobs().list().isEmpty(), "not even the blobs that were right: " + second.blobs().list());
        assertEquals(before, listing(second.root()));
        assertTrue(ref.isTagged());
    }

    @Test
    void aDownloadCutHalfwayResumesWithARangeRequest() throws Exception {
        pushed("cut:1", 1, 2_000_000, 21);
        ImageRecord source = first.image("src:21");
        String layer = "/blobs/" + pushedLayer(source, 0);
        List<String> ranges = java.util.Collections.synchronizedList(new ArrayList<>());
        proxy.fault((method, path, range) -> {
            if (!method.equals("GET") || !path.endsWith(layer)) {
                return LoopbackProxy.Action.PASS;
            }
            ranges.add(String.valueOf(range));
            return range == null ? LoopbackProxy.Action.CUT_HALFWAY : LoopbackProxy.Action.PASS;
        });
        ImageRecord pulled = new ImagePuller(second, registries(3), TransferListener.NONE)
                .pull(Reference.parse(proxy.host() + "/cut:1")).image();
        assertEquals(source.id(), pulled.id());
        assertEquals(2, ranges.size(), ranges.toString());
        assertEquals("null", ranges.get(0));
        assertTrue(ranges.get(1).matches("bytes=[1-9]\\d*-"), "the second request starts where the first stopped: "
                + ranges);
        second.layers().diffs(pulled); // and the layer is whole
    }

    @Test
    void registryKilledMidPushLeavesNoTagAndARetryCompletes() throws Exception {
        ImageRecord image = TestImages.layered(first, scratch, 8, 200_000, 22, "big:1");
        AtomicInteger uploads = new AtomicInteger();
        proxy.fault((method, path, range) -> {
            if (method.equals("PUT") && path.contains("/blobs/uploads/") && uploads.incrementAndGet() == 3) {
                try {
                    registry.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return LoopbackProxy.Action.PASS;
        });
        Reference target = Reference.parse(proxy.host() + "/crash/app:1");
        assertThrows(RegistryException.class, () -> new ImagePusher(first, registries(2), TransferListener.NONE)
                .push("big:1", target, PushOptions.defaults()));
        assertFalse(Files.exists(tagLink("crash/app", "1")), "the manifest goes last: no tag after a crash");
        assertManifestsComplete();

        registry.restart();
        proxy.fault(LoopbackProxy.Fault.NONE);
        PushResult retried = new ImagePusher(first, registries(3), TransferListener.NONE).push("big:1", target,
                PushOptions.defaults());
        assertTrue(retried.existingBlobs() >= 2, "what made it before the crash is not sent again: " + retried);
        assertManifestsComplete();
        assertEquals(image.id(), new ImagePuller(second, registries(3), TransferListener.NONE).pull(target).image().id());
    }

    @Test
    void errorsSayWhatFailedAndWhatToDo() throws Exception {
        pushed("known:1", 1, 100, 23);
        NotFoundInRegistryException unknownTag = assertThrows(NotFoundInRegistryException.class,
                () -> new ImagePuller(second, registries(2), TransferListener.NONE)
                        .pull(Reference.parse(registry.host() + "/known:nope")));
        assertEquals(registry.host() + "/known:nope not found: the registry has no such tag (manifest unknown); "
                + "check the name and tag", unknownTag.getMessage());

        RegistryUnreachableException unknownHost = assertThrows(RegistryUnreachableException.class,
                () -> new ImagePuller(second, registries(2), TransferListener.NONE)
                        .pull(Reference.parse("no-such-registry.invalid/app:1")));
        assertEquals("cannot reach registry no-such-registry.invalid: unknown host no-such-registry.invalid; "
                + "check the image name and your network/DNS", unknownHost.getMessage());

        registry.kill();
        RegistryUnreachableException down = assertThrows(RegistryUnreachableException.class,
                () -> new ImagePuller(second, registries(2), TransferListener.NONE)
                        .pull(Reference.parse(registry.host() + "/known:1")));
        assertEquals("cannot reach registry " + registry.host() + " at " + registry.host()
                + ": connection refused; is the registry running, and is the address right?", down.getMessage());
    }

    /** The gzip blob a built (uncompressed) layer was pushed as. */
    private dev.jbuild.imagespec.Digest pushedLayer(ImageRecord image, int index) throws Exception {
        return first.compressedCache().cached(image.diffIds().get(index), dev.jbuild.imagespec.Compression.GZIP)
                .orElseThrow().digest();
    }

    private Path tagLink(String repository, String tag) {
        return registry.storage().resolve("docker/registry/v2/repositories").resolve(repository)
                .resolve("_manifests/tags").resolve(tag).resolve("current/link");
    }

    /** Every manifest revision the registry stores names only blobs it stores. */
    private void assertManifestsComplete() throws Exception {
        Path repositories = registry.storage().resolve("docker/registry/v2/repositories");
        List<String> blobs = registry.storedBlobs();
        if (!Files.isDirectory(repositories)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(repositories)) {
            for (Path link : walk.filter(p -> p.toString().contains("/_manifests/revisions/")
                    && p.getFileName().toString().equals("link")).toList()) {
                String digest = Files.readString(link).trim();
                Path data = registry.storage().resolve("docker/registry/v2/blobs/sha256")
                        .resolve(digest.substring(7, 9)).resolve(digest.substring(7)).resolve("data");
                JsonNode manifest = JSON.readTree(Files.readAllBytes(data));
                List<String> named = new ArrayList<>();
                named.add(manifest.path("config").path("digest").asText());
                manifest.path("layers").forEach(l -> named.add(l.path("digest").asText()));
                for (String blob : named) {
                    assertTrue(blobs.contains(blob), "manifest " + digest + " names missing blob " + blob);
                }
            }
        }
    }

    private static List<String> listing(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith("tmp") && !p.equals("lock")).sorted().toList();
        }
    }

}
