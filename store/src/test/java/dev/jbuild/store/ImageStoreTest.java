package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.InvalidReferenceException;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest extends StoreTest {

    @Test
    void imageResolvesByShortIdFullIdNameAndNameTag() throws IOException {
        ImageRecord written = Trees.image(store, scratch, "one", "app:1.0", "app");
        Digest id = written.id();
        assertEquals(ImageConfig.parse(store.blobs().read(id)).digest(), id, "the ID is the config digest");
        for (String query : List.of(id.shortId(), id.hex().substring(0, 5), id.value(), id.hex(), "app",
                "app:latest", "app:1.0", "docker.io/library/app:1.0", "index.docker.io/library/app")) {
            assertEquals(id, store.image(query).id(), query);
        }
        assertEquals(written.manifestDigest(), store.image(written.manifestDigest().value()).manifestDigest());
        assertEquals(List.of("app:1.0", "app:latest"), store.image("app").repoTags());
    }

    @Test
    void unknownImageIsNoSuchImageInDockersWords() {
        assertEquals("No such image: nope:latest",
                assertThrows(ImageNotFoundException.class, () -> store.image("nope")).getMessage());
        assertEquals("No such image: sha256:" + "0".repeat(64),
                assertThrows(ImageNotFoundException.class, () -> store.image("sha256:" + "0".repeat(64))).getMessage());
        assertThrows(InvalidReferenceException.class, () -> store.image("Not Valid"));
    }

    @Test
    void idPrefixMatchingTwoImagesIsAmbiguous() throws IOException {
        Map<Character, ImageRecord> byFirstHex = new HashMap<>();
        ImageRecord first = null;
        ImageRecord second = null;
        for (int i = 0; second == null; i++) {
            ImageRecord image = Trees.image(store, scratch, "content " + i);
            ImageRecord earlier = byFirstHex.putIfAbsent(image.id().hex().charAt(0), image);
            if (earlier != null) {
                first = earlier;
                second = image;
            }
        }
        String shared = first.id().hex().substring(0, 1);
        AmbiguousReferenceException e = assertThrows(AmbiguousReferenceException.class, () -> store.image(shared));
        assertTrue(e.candidates().contains(first.id()) && e.candidates().contains(second.id()));
        assertEquals(second.id(), store.image(second.id().shortId()).id());
    }

    @Test
    void nameWinsOverAnIdPrefixThatLooksTheSame() throws IOException {
        ImageRecord a = Trees.image(store, scratch, "a");
        ImageRecord b = Trees.image(store, scratch, "b", a.id().hex().substring(0, 6));
        assertEquals(b.id(), store.image(a.id().hex().substring(0, 6)).id());
    }

    @Test
    void retaggingMovesTheTagAndLeavesTheOldImageUntagged() throws IOException {
        ImageRecord old = Trees.image(store, scratch, "v1", "app");
        ImageRecord fresh = Trees.image(store, scratch, "v2", "app");
        assertEquals(fresh.id(), store.image("app").id());
        ImageRecord dangling = store.image(old.id().shortId());
        assertTrue(dangling.references().isEmpty());
        assertEquals(2, store.list().size());
    }

    @Test
    void tagAddsAReferenceAndRefusesDigests() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app");
        ImageRecord tagged = store.tag("app", "localhost:5000/team/app:v2");
        assertEquals(List.of("app:latest", "localhost:5000/team/app:v2"), tagged.repoTags());
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class,
                () -> store.tag("app", "app@" + image.manifestDigest()));
        assertEquals("refusing to create a tag with a digest reference", e.getMessage());
        assertThrows(ImageNotFoundException.class, () -> store.tag("missing", "other"));
    }

    @Test
    void rmiOfOneOfSeveralTagsOnlyUntags() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app:1", "app:2");
        RemoveResult result = store.remove("app:1", false);
        assertEquals(List.of("app:1"), result.untagged());
        assertTrue(result.deleted().isEmpty());
        assertEquals(List.of("app:2"), store.image(image.id().value()).repoTags());
    }

    @Test
    void rmiOfTheLastTagDeletesTheImageAndFreesItsBlobsAndSnapshot() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app");
        Path snapshot = store.layers().diffs(image).get(0);
        RemoveResult result = store.remove("app", false);
        assertEquals(List.of("app:latest"), result.untagged());
        assertEquals(List.of(image.id()), result.deleted());
        assertThrows(ImageNotFoundException.class, () -> store.image(image.id().value()));
        assertFalse(store.blobs().has(image.id()));
        assertFalse(store.blobs().has(image.manifestDigest()));
        assertFalse(store.blobs().has(image.diffIds().get(0)));
        assertFalse(Files.exists(snapshot));
        assertTrue(store.list().isEmpty());
    }

    @Test
    void rmiKeepsLayersThatAnotherImageStillUses() throws IOException {
        Path dir = Files.createTempDirectory(scratch, "shared");
        Trees.write(dir, "f", "shared layer");
        Descriptor layer = Trees.layerOf(store, dir);
        ImageConfig base = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(layer.digest(), new HistoryEntry(null, "one", "", "", false));
        ImageRecord one = store.writeImage(base, List.of(layer), "one");
        ImageRecord two = store.writeImage(base.withAuthor("other"), List.of(layer), "two");
        store.remove("one", false);
        assertFalse(store.blobs().has(one.id()));
        assertTrue(store.blobs().has(layer.digest()));
        assertEquals(two.id(), store.image("two").id());
    }

    @Test
    void rmiByIdUntagsEveryTagOfOneRepository() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app:1", "app:2");
        RemoveResult result = store.remove(image.shortId(), false);
        assertEquals(List.of("app:1", "app:2"), result.untagged());
        assertEquals(List.of(image.id()), result.deleted());
    }

    @Test
    void rmiByIdOfAnImageInSeveralRepositoriesNeedsForce() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app", "other/app");
        ImageConflictException e = assertThrows(ImageConflictException.class,
                () -> store.remove(image.shortId(), false));
        assertEquals("conflict: unable to delete " + image.shortId()
                + " (must be forced) - image is referenced in multiple repositories", e.getMessage());
        assertEquals(2, store.image(image.shortId()).references().size());
        RemoveResult forced = store.remove(image.shortId(), true);
        assertEquals(List.of("app:latest", "other/app:latest"), forced.untagged());
        assertEquals(List.of(image.id()), forced.deleted());
    }

    @Test
    void rmiOfAnUntaggedImageByIdDeletesIt() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x");
        RemoveResult result = store.remove(image.id().hex(), false);
        assertTrue(result.untagged().isEmpty());
        assertEquals(List.of(image.id()), result.deleted());
    }

    @Test
    void removingTheLastTagAlsoRemovesDigestReferencesOfThatRepository() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app");
        store.references().tag(Reference.parse("app@" + image.manifestDigest()), image.manifestDigest());
        assertEquals(List.of("app@" + image.manifestDigest()), store.image("app").repoDigests());
        assertEquals(image.id(), store.image("app@" + image.manifestDigest()).id());
        RemoveResult result = store.remove("app", false);
        assertEquals(List.of("app:latest", "app@" + image.manifestDigest()), result.untagged());
        assertEquals(List.of(image.id()), result.deleted());
    }

    @Test
    void uncompressedLayerWhoseDigestIsNotItsDiffIdIsRefused() throws IOException {
        Descriptor layer = store.blobs().put("not a tar".getBytes(), MediaTypes.OCI_LAYER);
        ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(Digest.of("other"), new HistoryEntry(null, "x", "", "", false));
        assertThrows(InvalidImageException.class, () -> store.writeImage(config, List.of(layer)));
        ImageConfig twoLayers = config.withLayer(Digest.of("third"), new HistoryEntry(null, "y", "", "", false));
        assertEquals("the config lists 2 diff_ids for 1 layers", assertThrows(InvalidImageException.class,
                () -> store.writeImage(twoLayers, List.of(layer))).getMessage());
    }

    @Test
    void addImageRegistersBlobsWrittenByAnotherComponent() throws IOException {
        Descriptor layer = store.blobs().put("layer".getBytes(), MediaTypes.OCI_LAYER);
        ImageConfig config = ImageConfig.empty(new Platform("arm64", "linux"))
                .withLayer(layer.digest(), new HistoryEntry(null, "x", "", "", false));
        Descriptor configBlob = store.blobs().put(config.toJson(), MediaTypes.OCI_CONFIG);
        Manifest manifest = Manifest.oci(configBlob, List.of(layer));
        Descriptor manifestBlob = store.blobs().put(manifest.toJson(), MediaTypes.OCI_MANIFEST);
        ImageRecord image = store.addImage(manifestBlob.digest(), List.of(Reference.parse("loaded:1")));
        assertEquals(configBlob.digest(), image.id());
        assertEquals(List.of("loaded:1"), store.image("loaded:1").repoTags());
        assertEquals("arm64", image.config().architecture());
    }

    @Test
    void addImageWithAMissingLayerIsRefusedAndTheTableIsUnchanged() throws IOException {
        Digest absent = Digest.of("absent layer");
        ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(absent, new HistoryEntry(null, "x", "", "", false));
        Descriptor configBlob = store.blobs().put(config.toJson(), MediaTypes.OCI_CONFIG);
        Manifest manifest = Manifest.oci(configBlob, List.of(new Descriptor(MediaTypes.OCI_LAYER, absent, 3)));
        Descriptor manifestBlob = store.blobs().put(manifest.toJson(), MediaTypes.OCI_MANIFEST);
        BlobNotFoundException e = assertThrows(BlobNotFoundException.class,
                () -> store.addImage(manifestBlob.digest(), List.of(Reference.parse("broken"))));
        assertEquals(absent, e.digest());
        assertTrue(store.list().isEmpty());
        assertTrue(store.references().list().isEmpty());
    }

    @Test
    void listIsNewestFirstAndCarriesReferences() throws IOException {
        Path dir = Files.createTempDirectory(scratch, "t");
        Trees.write(dir, "f", "x");
        Descriptor layer = Trees.layerOf(store, dir);
        ImageConfig base = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(layer.digest(), new HistoryEntry(null, "x", "", "", false));
        store.writeImage(base.withCreated(java.time.Instant.parse("2020-01-01T00:00:00Z")), List.of(layer), "old");
        store.writeImage(base.withCreated(java.time.Instant.parse("2024-01-01T00:00:00Z")), List.of(layer), "new");
        List<ImageRecord> images = store.list();
        assertEquals(List.of("new:latest"), images.get(0).repoTags());
        assertEquals(List.of("old:latest"), images.get(1).repoTags());
        assertEquals(images.get(0).blobSize(), layer.size());
        assertEquals(1, store.layerSizes().total(images.get(0)), "one file of one byte");
    }

    @Test
    void referenceTableIsOneJsonFileReplacedWhole() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "x", "app");
        String json = Files.readString(root.resolve("references.json"));
        assertEquals("{\"images\":[\"" + image.manifestDigest() + "\"],\"references\":{\"docker.io/library/app:latest\":\""
                + image.manifestDigest() + "\"},\"version\":1}", json);
    }

    /** An image's blobs, not registered: what a pull has before it commits. */
    private Digest unregisteredImage(Platform platform, String content) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "tree");
        Trees.write(dir, "f", content);
        Descriptor layer = Trees.layerOf(store, dir);
        ImageConfig config = ImageConfig.empty(platform).withLayer(layer.digest(),
                new HistoryEntry(null, "x", "", "", false));
        Descriptor configBlob = store.blobs().put(config.toJson(), MediaTypes.OCI_CONFIG);
        return store.blobs().put(Manifest.oci(configBlob, List.of(layer)).toJson(), MediaTypes.OCI_MANIFEST).digest();
    }

    @Test
    void aPulledIndexIsAnOptionalFieldOfTheTableAndATableWithoutItReadsAsBefore() throws IOException {
        Platform host = Platform.host();
        Platform other = host.architecture().equals("s390x") ? new Platform("ppc64le", "linux")
                : new Platform("s390x", "linux");
        Digest hostImage = unregisteredImage(host, "host");
        Digest otherImage = unregisteredImage(other, "other");
        Digest index = store.blobs().put(dev.jbuild.imagespec.Index.oci(List.of(
                new Descriptor(MediaTypes.OCI_MANIFEST, hostImage, 1).withPlatform(host),
                new Descriptor(MediaTypes.OCI_MANIFEST, otherImage, 1).withPlatform(other))).toJson(),
                MediaTypes.OCI_INDEX).digest();
        List<Reference> refs = List.of(Reference.parse("reg.example/app:1"));
        store.addPulledImage(otherImage, refs, index, other);
        store.addPulledImage(hostImage, refs, index, host);

        String json = Files.readString(root.resolve("references.json"));
        assertEquals("{\"images\":[\"" + hostImage + "\"],\"references\":{\"reg.example/app:1\":\"" + hostImage
                + "\"},\"indexes\":{\"reg.example/app:1\":{\"index\":\"" + index + "\",\"platforms\":{"
                + (host.toString().compareTo(other.toString()) < 0
                        ? "\"" + host + "\":\"" + hostImage + "\",\"" + other + "\":\"" + otherImage + "\""
                        : "\"" + other + "\":\"" + otherImage + "\",\"" + host + "\":\"" + hostImage + "\"")
                + "}}},\"version\":1}", json, "the other platform's image is no image of the list, only of the index");
        assertEquals(otherImage, store.image("reg.example/app:1", other).manifestDigest());
        assertEquals(List.of("reg.example/app:1"), store.image("reg.example/app:1", other).repoTags());

        // What a jbuild from before indexes were kept writes: the same table without the field.
        Files.writeString(root.resolve("references.json"), json.replaceFirst(",\"indexes\":\\{.*\\}\\}\\},", ","));
        assertEquals(hostImage, store.image("reg.example/app:1").manifestDigest());
        assertEquals(hostImage, store.image("reg.example/app:1", host).manifestDigest());
        assertThrows(PlatformNotPresentException.class, () -> store.image("reg.example/app:1", other));
        assertTrue(store.check().isClean(), store.check().problems().toString());
    }

    @Test
    void anIndexEntryKeyedByNoPlatformMakesTheTableUnreadableNotAnInternalError() throws IOException {
        Digest image = unregisteredImage(Platform.host(), "host");
        Digest index = store.blobs().put("{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX).digest();
        store.addPulledImage(image, List.of(Reference.parse("reg.example/app:1")), index, Platform.host());
        Path table = root.resolve("references.json");
        Files.writeString(table, Files.readString(table).replace("\"" + Platform.host() + "\":", "\"linux\":"));

        StoreCorruptedException e = assertThrows(StoreCorruptedException.class, () -> store.image("reg.example/app:1"));

        assertTrue(e.getMessage().startsWith("the reference table " + table + " is unreadable: "), e.getMessage());
    }

    @Test
    void addImagesRegistersAllOrNothing() throws IOException {
        ImageRecord good = Trees.image(store, scratch, "good");
        Digest absent = Digest.of("absent layer");
        ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(absent, new HistoryEntry(null, "x", "", "", false));
        Descriptor configBlob = store.blobs().put(config.toJson(), MediaTypes.OCI_CONFIG);
        Descriptor brokenManifest = store.blobs().put(Manifest.oci(configBlob,
                List.of(new Descriptor(MediaTypes.OCI_LAYER, absent, 3))).toJson(), MediaTypes.OCI_MANIFEST);
        Map<Digest, List<Reference>> both = new java.util.LinkedHashMap<>();
        both.put(good.manifestDigest(), List.of(Reference.parse("good:1")));
        both.put(brokenManifest.digest(), List.of(Reference.parse("broken:1")));
        assertThrows(BlobNotFoundException.class, () -> store.addImages(both));
        assertTrue(store.references().list().isEmpty(), "not even the good image got its tag");
        both.remove(brokenManifest.digest());
        assertEquals(List.of("good:1"), store.addImages(both).get(0).repoTags());
    }
}
