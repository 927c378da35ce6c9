package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.registry.testing.LoopbackProxy;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.registry.testing.Tools;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreCheck;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Non-distributable ("foreign") layers, as Windows base images have them: the manifest names the layer
 * and the URLs it comes from, and the registry does not hold it. The manifests are PUT straight to
 * Docker's registry, which accepts them without the layer (it checks only that the URLs are http(s)).
 */
class ForeignLayersTest extends TwoMachinesTest {
    HttpServer urlHost;
    final AtomicInteger urlHits = new AtomicInteger();
    ImageRecord built;
    Descriptor foreign;
    byte[] foreignBytes;

    @Override
    RegistryServer startRegistry(Path dir) throws Exception {
        return RegistryServer.plainAllowingForeignUrls(dir);
    }

    @BeforeEach
    void pushBaseAndServeItsLayer() throws Exception {
        built = TestImages.layered(first, scratch, 2, 3000, 60, "app:1");
        PushResult base = new ImagePusher(first, registries, TransferListener.NONE).push("app:1",
                Reference.parse(registry.host() + "/base:1"), PushOptions.defaults());
        Manifest pushed = Manifest.parse(registries.forPush(registry.host()).manifest("base", base.digest().value()).bytes());
        foreign = pushed.layers().get(1);
        foreignBytes = first.blobs().read(foreign.digest());
        // The repository the foreign manifests go to gets the config and the first layer only.
        new BlobPusher(first, registries.settings(), TransferListener.NONE).pushAll(registries.forPush(registry.host()),
                "win", List.of(pushed.config(), pushed.layers().get(0)), 0);

        urlHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        urlHost.createContext("/layers/", exchange -> {
            urlHits.incrementAndGet();
            byte[] body = exchange.getRequestURI().getPath().endsWith("/wrong") ? new byte[foreignBytes.length]
                    : foreignBytes;
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        urlHost.start();
    }

    @AfterEach
    void stopUrlHost() {
        urlHost.stop(0);
    }

    /** A Docker schema 2 manifest whose second layer is foreign, at {@code url}, PUT as {@code win:tag}. */
    private Digest putForeignManifest(String tag, String url) throws Exception {
        Manifest pushed = Manifest.parse(registries.forPush(registry.host()).manifest("base", "1").bytes());
        var manifest = CanonicalJson.object();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
        var config = manifest.putObject("config");
        config.put("mediaType", MediaTypes.DOCKER_CONFIG);
        config.put("size", pushed.config().size());
        config.put("digest", pushed.config().digest().value());
        var layers = manifest.putArray("layers");
        var plain = layers.addObject();
        plain.put("mediaType", MediaTypes.DOCKER_LAYER_GZIP);
        plain.put("size", pushed.layers().get(0).size());
        plain.put("digest", pushed.layers().get(0).digest().value());
        var remote = layers.addObject();
        remote.put("mediaType", MediaTypes.DOCKER_FOREIGN_LAYER_GZIP);
        remote.put("size", foreign.size());
        remote.put("digest", foreign.digest().value());
        remote.putArray("urls").add(url);
        byte[] bytes = CanonicalJson.bytes(manifest);
        return registries.forPush(registry.host()).putManifest("win", tag, MediaTypes.DOCKER_MANIFEST, bytes);
    }

    private int blobStatus(String repository, Digest digest) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/v2/" + repository
                + "/blobs/" + digest.value())).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aForeignLayerNoUrlServesIsKeptAsAReferenceAndPushedAsOne() throws Exception {
        String url = "http://127.0.0.1:" + Tools.freePort() + "/layers/" + foreign.digest().hex();
        Digest manifestDigest = putForeignManifest("1", url);
        assertEquals(404, blobStatus("win", foreign.digest()), "the registry accepted the manifest without the layer");

        List<TransferEvent> events = Collections.synchronizedList(new ArrayList<>());
        PullResult pulled = new ImagePuller(second, registries, events::add)
                .pull(Reference.parse(registry.host() + "/win:1"));
        ImageRecord image = pulled.image();
        assertEquals(built.id(), image.id());
        assertEquals(manifestDigest, image.manifestDigest());
        assertFalse(second.blobs().has(foreign.digest()), "not fetched: nothing serves it");
        assertTrue(second.blobs().has(image.manifest().layers().get(0).digest()));
        assertTrue(events.contains(new TransferEvent.Notice("layer " + foreign.digest().shortId() + " is "
                + "non-distributable and neither the registry nor its URLs serve it: kept as a reference to " + url)),
                events.toString());
        assertTrue(second.check().problems().stream().noneMatch(p -> p.kind() == StoreCheck.Kind.MISSING_BLOB),
                "a reference is not a missing blob: " + second.check().problems());
        assertEquals(2, second.layerSizes().of(image).size(), "sizes are listed without the layer");

        try (LoopbackProxy proxy = new LoopbackProxy(registry.baseUrl())) {
            PushResult again = new ImagePusher(second, registries, TransferListener.NONE)
                    .push(image.id().value(), Reference.parse(proxy.host() + "/copy:1"), PushOptions.defaults());
            assertEquals(manifestDigest, again.digest(), "the manifest goes out as it came, urls and all");
            assertEquals(0, proxy.seen().stream().filter(s -> s.path().contains(foreign.digest().hex())).count(),
                    "the foreign layer is neither asked for nor uploaded: " + proxy.seen());
        }
        assertEquals(404, blobStatus("copy", foreign.digest()));

        // A registry left at its defaults refuses the URLs; the message says that this may be why.
        try (RegistryServer strict = RegistryServer.plain(scratch.resolve("strict"));
             Registries quick = new Registries(registries.settings().withRetry(new RegistrySettings.RetryPolicy(1,
                     java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(10))))) {
            RegistryProtocolException refused = assertThrows(RegistryProtocolException.class,
                    () -> new ImagePusher(second, quick, TransferListener.NONE).push(image.id().value(),
                            Reference.parse(strict.host() + "/copy:1"), PushOptions.defaults()));
            assertTrue(refused.getMessage().endsWith("(the image has non-distributable layers: a registry may refuse "
                    + "their URLs; Docker's registry takes them only where its validation.manifests.urls.allow names "
                    + "them)"), refused.getMessage());
        }
    }

    @Test
    void aForeignLayerIsFetchedFromItsUrlAndVerified() throws Exception {
        putForeignManifest("up", "http://127.0.0.1:" + urlHost.getAddress().getPort() + "/layers/"
                + foreign.digest().hex());
        ImageRecord image = new ImagePuller(second, registries, TransferListener.NONE)
                .pull(Reference.parse(registry.host() + "/win:up")).image();
        assertEquals(1, urlHits.get());
        assertTrue(second.blobs().has(foreign.digest()));
        assertEquals(built.diffIds(), image.diffIds());
        second.layers().diffs(image); // unpacks every layer, checking each diff ID

        putForeignManifest("bad", "http://127.0.0.1:" + urlHost.getAddress().getPort() + "/layers/wrong");
        try (ImageStore third = ImageStore.open(scratch.resolve("third"))) {
            BlobMismatchException refused = assertThrows(BlobMismatchException.class,
                    () -> new ImagePuller(third, registries, TransferListener.NONE)
                            .pull(Reference.parse(registry.host() + "/win:bad")));
            assertTrue(refused.getMessage().contains(foreign.digest().value()), refused.getMessage());
            assertTrue(third.list().isEmpty());
            assertTrue(third.blobs().list().isEmpty(), "nothing stored");
        }
    }
}
