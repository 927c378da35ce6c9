package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.registry.testing.LoopbackProxy.Early;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import static org.junit.jupiter.api.Assertions.assertNull;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.registry.testing.LoopbackProxy;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.store.ImageRecord;
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

/**
 * A registry that dies, a proxy that lies, a connection that drops, and the errors users read; and
 * retries with backoff through a faulty proxy in front of the real registry (a 429 with Retry-After, a
 * 503, a connection dropped in the middle of a body): the transfer completes, the proxy's request
 * count shows each retry, and when the attempts are spent the failure is one line.
 */
class FaultsTest extends TwoMachinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    LoopbackProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new LoopbackProxy(registry.baseUrl());
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
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

    // ---- retries with backoff: a 429 with Retry-After, a 503, a connection dropped mid-body

    /** A short backoff (20 ms, doubling), so that any wait of a second can only be a Retry-After honoured. */
    private Registries patient(int attempts) {
        return new Registries(RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                .withDockerConfigDirectory(scratch.resolve("docker"))
                .withRetry(new RegistrySettings.RetryPolicy(attempts, Duration.ofMillis(20), Duration.ofSeconds(5))));
    }

    private ImageRecord pushedDirectly(String name, int layers, long seed) throws Exception {
        ImageRecord image = TestImages.layered(first, scratch, layers, 300_000, seed, "src:" + seed);
        new ImagePusher(first, patient(2), TransferListener.NONE).push("src:" + seed,
                Reference.parse(registry.host() + "/" + name), PushOptions.defaults());
        return image;
    }

    private Digest gzipLayerOf(ImageRecord image, int index) throws Exception {
        return first.compressedCache().cached(image.diffIds().get(index), Compression.GZIP).orElseThrow().digest();
    }

    @Test
    void aPullOutlastsA429WithRetryAfterA503AndConnectionsCutMidBody() throws Exception {
        ImageRecord image = pushedDirectly("retry/pull:1", 3, 60);
        String refused = "/blobs/" + gzipLayerOf(image, 0);
        String cut = "/blobs/" + gzipLayerOf(image, 1);
        AtomicInteger manifestRequests = new AtomicInteger();
        AtomicInteger refusedRequests = new AtomicInteger();
        proxy.refuse((method, path) -> {
            if (method.equals("GET") && path.endsWith("/manifests/1") && manifestRequests.incrementAndGet() == 1) {
                return Early.TOO_MANY_REQUESTS;
            }
            if (method.equals("GET") && path.endsWith(refused) && refusedRequests.incrementAndGet() <= 2) {
                return Early.UNAVAILABLE;
            }
            return Early.PASS;
        });
        AtomicBoolean manifestCut = new AtomicBoolean();
        proxy.fault((method, path, range) -> {
            if (method.equals("GET") && path.endsWith("/manifests/1") && manifestCut.compareAndSet(false, true)) {
                return LoopbackProxy.Action.CUT_HALFWAY;
            }
            return method.equals("GET") && path.endsWith(cut) && range == null
                    ? LoopbackProxy.Action.CUT_HALFWAY : LoopbackProxy.Action.PASS;
        });

        Instant started = Instant.now();
        ImageRecord pulled = new ImagePuller(second, patient(4), TransferListener.NONE)
                .pull(Reference.parse(proxy.host() + "/retry/pull:1")).image();
        Duration took = Duration.between(started, Instant.now());

        assertEquals(image.id(), pulled.id());
        assertEquals(List.of(429, 200, 200), statuses("GET", "/manifests/1"),
                "429, then a body cut halfway (sent as 200), then the whole manifest");
        assertEquals(List.of(503, 503, 200), statuses("GET", refused));
        assertEquals(2, proxy.count("GET", cut), "cut halfway, then resumed with a Range request");
        assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0,
                "the 429's Retry-After: 1 was honoured (the backoff alone waits under 0.2 s): " + took);
        second.layers().diffs(pulled); // unpacks every layer, checking each diff ID
    }

    @Test
    void aPushOutlastsRefusedAndDroppedUploadsAndARefusedManifest() throws Exception {
        ImageRecord image = TestImages.layered(first, scratch, 4, 300_000, 61, "app:1");
        AtomicInteger uploads = new AtomicInteger();
        AtomicBoolean manifestRefused = new AtomicBoolean();
        proxy.refuse((method, path) -> {
            if (method.equals("PUT") && path.contains("/blobs/uploads/")) {
                return switch (uploads.incrementAndGet()) {
                    case 1 -> Early.UNAVAILABLE;
                    case 2 -> Early.TOO_MANY_REQUESTS;
                    case 3 -> Early.DROP_REQUEST;
                    default -> Early.PASS;
                };
            }
            if (method.equals("PUT") && path.contains("/manifests/") && manifestRefused.compareAndSet(false, true)) {
                return Early.UNAVAILABLE;
            }
            return Early.PASS;
        });
        Reference target = Reference.parse(proxy.host() + "/retry/push:1");
        PushResult pushed = new ImagePusher(first, patient(4), TransferListener.NONE).push("app:1", target,
                PushOptions.defaults());

        assertEquals(5, pushed.uploadedBlobs(), "4 layers and the config");
        List<Integer> uploadStatuses = statuses("PUT", "/blobs/uploads/");
        assertEquals(8, uploadStatuses.size(), "every blob once, and the three that failed again: " + uploadStatuses);
        assertEquals(List.of(0, 429, 503), uploadStatuses.stream().filter(s -> s != 201).sorted().toList(),
                "503, 429 and a request dropped halfway (no answer), in whatever order the parallel uploads met them");
        assertEquals(8, proxy.count("POST", "/blobs/uploads/"), "a failed upload starts again with a new session");
        assertEquals(List.of(503, 201), statuses("PUT", "/manifests/1"));
        assertEquals(image.id(), new ImagePuller(second, patient(2), TransferListener.NONE)
                .pull(Reference.parse(registry.host() + "/retry/push:1")).image().id());
    }

    @Test
    void whenTheAttemptsAreSpentTheFailureIsOneLineAndNothingIsLeft() throws Exception {
        ImageRecord image = pushedDirectly("retry/spent:1", 2, 62);
        String layer = gzipLayerOf(image, 0).toString();
        proxy.refuse((method, path) -> method.equals("GET") && path.endsWith(layer) ? Early.UNAVAILABLE : Early.PASS);
        RegistryProtocolException pull = assertThrows(RegistryProtocolException.class, () -> new ImagePuller(second,
                patient(3), TransferListener.NONE).pull(Reference.parse(proxy.host() + "/retry/spent:1")));
        assertEquals("downloading blob " + Digest.parse(layer).shortId() + " of retry/spent on " + proxy.host()
                + " failed: the registry answered 503 Service Unavailable 3 times (try later); it is overloaded or "
                + "failing, try again later", pull.getMessage());
        assertEquals(3, proxy.count("GET", layer));
        assertTrue(second.list().isEmpty() && second.blobs().list().isEmpty(), "nothing stored");

        proxy.refuse((method, path) -> method.equals("PUT") && path.contains("/blobs/uploads/")
                ? Early.UNAVAILABLE : Early.PASS);
        RegistryProtocolException push = assertThrows(RegistryProtocolException.class, () -> new ImagePusher(first,
                patient(3), TransferListener.NONE).push("src:62", Reference.parse(proxy.host() + "/retry/other:1"),
                PushOptions.defaults().withCompression(Compression.ZSTD)));
        assertTrue(push.getMessage().matches("pushing blob [0-9a-f]{12} to " + proxy.host().replace(".", "\\.")
                + "/retry/other failed 3 times \\(the last time: 503 Service Unavailable\\); the registry is "
                + "overloaded or failing, or the connection is unreliable: try again later"), push.getMessage());
        assertFalse(Files.exists(registry.storage().resolve("docker/registry/v2/repositories/retry/other/_manifests")),
                "no manifest was sent");

        proxy.refuse((method, path) -> method.equals("PUT") && path.contains("/blobs/uploads/")
                ? Early.DROP_REQUEST : Early.PASS);
        RegistryUnreachableException dropped = assertThrows(RegistryUnreachableException.class, () -> new ImagePusher(
                first, patient(2), TransferListener.NONE).push("src:62", Reference.parse(proxy.host()
                + "/retry/dropped:1"), PushOptions.defaults().withCompression(Compression.ZSTD)));
        assertTrue(dropped.getMessage().startsWith("pushing blob ") && dropped.getMessage().contains(" failed 2 times ")
                && !dropped.getMessage().contains("\n"), dropped.getMessage());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2025-01-02T03:04:05Z");
        assertEquals(Duration.ofSeconds(7), RetryAfter.parse("7", now));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                now.plusSeconds(30).atOffset(ZoneOffset.UTC)), now));
        assertEquals(Duration.ZERO, RetryAfter.parse("Thu, 02 Jan 2025 03:00:00 GMT", now), "a date past is now");
        assertNull(RetryAfter.parse("soon", now));
        RegistrySettings.RetryPolicy policy = new RegistrySettings.RetryPolicy(5, Duration.ofMillis(250),
                Duration.ofSeconds(8));
        assertEquals(Duration.ofSeconds(8), policy.delay(1, Duration.ofHours(1)), "at most the policy's longest wait");
        assertEquals(Duration.ofMillis(500), policy.delay(2, null), "else the backoff");
    }

    private List<Integer> statuses(String method, String pathPart) {
        return proxy.seen().stream().filter(s -> s.method().equals(method) && s.path().contains(pathPart))
                .map(LoopbackProxy.Seen::status).toList();
    }
}
