package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.testing.LoopbackProxy;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Push and pull against Docker's distribution registry on loopback, plain HTTP. */
class PushPullTest extends TwoMachinesTest {

    @Test
    void twentyLayerImagePushedThenPulledIntoAnotherStoreKeepsItsIdAndDigest() throws Exception {
        ImageRecord built = TestImages.layered(first, scratch, 20, 4096, 1, "app:1");
        Reference target = Reference.parse(registry.host() + "/team/app:1");
        PushResult pushed = new ImagePusher(first, registries(scratch), TransferListener.NONE)
                .push("app:1", target, PushOptions.defaults());
        assertEquals(21, pushed.uploadedBlobs(), "20 layers and the config");

        PullResult pulled = new ImagePuller(second, registries(scratch), TransferListener.NONE).pull(target);
        ImageRecord image = pulled.image();
        assertEquals(built.id(), image.id(), "the image ID (config digest) survives the round trip");
        assertEquals(pushed.digest(), image.manifestDigest(), "the manifest is stored as the registry's own bytes");
        assertEquals(20, image.manifest().layers().size());
        for (Descriptor layer : image.manifest().layers()) {
            assertEquals(MediaTypes.OCI_LAYER_GZIP, layer.mediaType(), "layers kept compressed as served");
        }
        assertTrue(image.references().contains(target));
        assertTrue(image.references().contains(target.repository().withDigest(pushed.digest())));
        // The pulled layers unpack to the same tree as the built ones: the snapshot checks every diff ID.
        assertEquals(built.diffIds(), image.diffIds());
        second.layers().diffs(image);
    }

    @Test
    void pullByDigestGetsExactlyThatManifestAndNamesItByDigestOnly() throws Exception {
        TestImages.layered(first, scratch, 2, 1000, 2, "app:1");
        Reference tag = Reference.parse(registry.host() + "/app:1");
        PushResult pushed = new ImagePusher(first, registries(scratch), TransferListener.NONE)
                .push("app:1", tag, PushOptions.defaults());
        // Move the tag to another image: the digest must still give the first one.
        TestImages.layered(first, scratch, 2, 1000, 3, "app:2");
        new ImagePusher(first, registries(scratch), TransferListener.NONE).push("app:2", tag, PushOptions.defaults());

        Reference byDigest = tag.repository().withDigest(pushed.digest());
        PullResult pulled = new ImagePuller(second, registries(scratch), TransferListener.NONE).pull(byDigest);
        assertEquals(pushed.digest(), pulled.image().manifestDigest());
        assertEquals(List.of(byDigest), pulled.image().references());
    }

    @Test
    void pushOfBlobsTheRepositoryHasUploadsNothingAndMountsFromAnotherRepository() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(registry.baseUrl())) {
            TestImages.layered(first, scratch, 5, 2000, 4, "app:1");
            Reference target = Reference.parse(proxy.host() + "/one/app:1");
            new ImagePusher(first, registries(scratch), TransferListener.NONE).push("app:1", target,
                    PushOptions.defaults());
            assertEquals(6, proxy.count("PUT", "/blobs/uploads/"), "5 layers and the config uploaded once");

            proxy.reset();
            PushResult again = new ImagePusher(first, registries(scratch), TransferListener.NONE).push("app:1",
                    target, PushOptions.defaults());
            assertEquals(0, again.uploadedBlobs());
            assertEquals(6, again.existingBlobs());
            assertEquals(0, proxy.count("POST", "/blobs/uploads/"), "no upload even started");
            assertEquals(0, proxy.count("PUT", "/blobs/uploads/"));
            assertEquals(0, proxy.count("PATCH", "/blobs/uploads/"));

            proxy.reset();
            Reference other = Reference.parse(proxy.host() + "/two/app:1");
            PushResult mounted = new ImagePusher(first, registries(scratch), TransferListener.NONE).push("app:1",
                    other, PushOptions.defaults());
            assertEquals(6, mounted.mountedBlobs(), "every blob mounted from the repository that has it");
            assertEquals(0, proxy.count("PUT", "/blobs/uploads/"), "no blob bytes sent");
            assertEquals(6, proxy.seen().stream().filter(s -> s.method().equals("POST") && s.status() == 201).count());
        }
    }

    @Test
    void chunkedUploadAndZstdLayersArriveIntact() throws Exception {
        ImageRecord built = TestImages.layered(first, scratch, 3, 300_000, 5, "app:1");
        Reference target = Reference.parse(registry.host() + "/chunked:1");
        new ImagePusher(first, registries(scratch), TransferListener.NONE).push("app:1", target,
                PushOptions.defaults().withCompression(Compression.ZSTD).withChunkSize(64 * 1024));
        ImageRecord pulled = new ImagePuller(second, registries(scratch), TransferListener.NONE).pull(target).image();
        assertEquals(built.id(), pulled.id());
        for (Descriptor layer : pulled.manifest().layers()) {
            assertEquals(MediaTypes.OCI_LAYER_ZSTD, layer.mediaType());
        }
        second.layers().diffs(pulled);
    }

    @Test
    void pullOfAnImageTheStoreHasDownloadsNothing() throws Exception {
        TestImages.layered(first, scratch, 3, 1000, 6, "app:1");
        Reference target = Reference.parse(registry.host() + "/again:1");
        new ImagePusher(first, registries(scratch), TransferListener.NONE).push("app:1", target, PushOptions.defaults());
        assertTrue(new ImagePuller(second, registries(scratch), TransferListener.NONE).pull(target).downloaded() > 0);
        assertEquals(0, new ImagePuller(second, registries(scratch), TransferListener.NONE).pull(target).downloaded());
        assertFalse(second.list().isEmpty());
    }
}
