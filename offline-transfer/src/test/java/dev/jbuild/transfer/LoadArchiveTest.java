package dev.jbuild.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoadArchiveTest {
    @TempDir
    Path scratch;
    ImageStore source;
    ImageStore target;

    @BeforeEach
    void open() throws IOException {
        source = ImageStore.open(scratch.resolve("source"));
        target = ImageStore.open(scratch.resolve("target"));
    }

    @AfterEach
    void close() throws IOException {
        source.close();
        target.close();
    }

    private Path save(Compression compression, String... names) throws IOException {
        Path file = Files.createTempFile(scratch, "saved", ".tar");
        new ImageSaver(source).saveToFile(List.of(names), SaveOptions.defaults().withCompression(compression), file);
        return file;
    }

    private List<LoadedImage> load(byte[] archive) throws IOException {
        return new ImageLoader(target).load(new ByteArrayInputStream(archive), LoadOptions.defaults());
    }

    private List<LoadedImage> load(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return new ImageLoader(target).load(in, LoadOptions.defaults());
        }
    }

    private void assertSameImage(ImageRecord original, ImageRecord loaded) throws Exception {
        assertEquals(original.id(), loaded.id());
        assertEquals(original.diffIds(), loaded.diffIds());
        for (Digest diffId : loaded.diffIds()) {
            assertTrue(Files.isRegularFile(scratch.resolve("target/layer-sizes").resolve(diffId.hex())),
                    "load records the layer's size");
        }
        assertEquals(source.layerSizes().of(original), target.layerSizes().of(loaded), "Docker's sizes, the same");
        assertEquals(TestImages.picture(TestImages.exportTree(source, original, scratch)),
                TestImages.picture(TestImages.exportTree(target, loaded, scratch)));
        assertEquals(List.of(), target.check().problems());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void ourArchiveLoadsBackWithTheSameIdTagsAndFiles(Compression compression) throws Exception {
        ImageRecord original = TestImages.twoLayers(source, scratch, "x", "app:1", "app:latest");
        List<LoadedImage> loaded = load(save(compression, "app"));
        assertEquals(1, loaded.size());
        assertEquals(original.id(), loaded.get(0).id());
        assertEquals(List.of("app:1", "app:latest"), target.image("app:1").repoTags());
        assertSameImage(original, target.image("app:latest"));
        assertTrue(target.layers().has(original.diffIds().get(0))
                        && target.layers().has(LayerStore.chainId(original.diffIds())),
                "the layers unpacked to check them were kept as their snapshots");
    }

    @Test
    void uncompressedArchiveKeepsTheManifestDigestOfTheArchive() throws Exception {
        ImageRecord original = TestImages.twoLayers(source, scratch, "x", "app:1");
        List<LoadedImage> loaded = load(save(Compression.NONE, "app:1"));
        assertEquals(original.manifestDigest(), loaded.get(0).manifestDigest());
        assertEquals(original.manifestDigest(), target.image("app:1").manifestDigest());
    }

    @Test
    void uncompressedLayersAreKeptOnceAsTheirSnapshotsAndSaveToTheSameArchive() throws Exception {
        ImageRecord original = TestImages.twoLayers(source, scratch, "x", "app:1");
        Path first = save(Compression.NONE, "app:1");
        load(first);
        for (Digest layer : original.diffIds()) {
            assertFalse(Files.exists(target.root().resolve("blobs/sha256").resolve(layer.hex())),
                    "no copy of the uncompressed bytes besides the snapshot: " + layer);
            assertTrue(target.blobs().has(layer));
        }
        Path again = Files.createTempFile(scratch, "again", ".tar");
        new ImageSaver(target).saveToFile(List.of("app:1"), SaveOptions.defaults().withCompression(Compression.NONE),
                again);
        assertEquals(Digest.of(Files.readAllBytes(first)), Digest.of(Files.readAllBytes(again)),
                "the layers are given back byte for byte: the same archive");
    }

    @Test
    void gzipArchiveKeepsItsCompressedLayersForTheNextSave() throws Exception {
        TestImages.twoLayers(source, scratch, "x", "app:1");
        Path first = save(Compression.GZIP, "app:1");
        load(first);
        Path again = Files.createTempFile(scratch, "again", ".tar");
        new ImageSaver(target).saveToFile(List.of("app:1"), SaveOptions.defaults(), again);
        assertEquals(Files.readString(first, java.nio.charset.StandardCharsets.ISO_8859_1),
                Files.readString(again, java.nio.charset.StandardCharsets.ISO_8859_1),
                "a loaded gzip image saves to the very same archive");
    }

    @Test
    void dockerArchiveFromBefore25WithLinkedLayersLoads() throws Exception {
        Path base = Files.createTempDirectory(scratch, "base");
        TestImages.write(base, "etc/os-release", "ID=test\n");
        Path one = Files.createTempDirectory(scratch, "one");
        TestImages.write(one, "one.txt", "1");
        Path two = Files.createTempDirectory(scratch, "two");
        TestImages.write(two, "two.txt", "2");
        ImageRecord a = TestImages.imageOfTrees(source, List.of(base, one), "a:1");
        ImageRecord b = TestImages.imageOfTrees(source, List.of(base, two), "b:1");
        byte[] archive = Archives.dockerBefore25(source, List.of(a, b), List.of(List.of("a:1"), List.of()));
        List<LoadedImage> loaded = load(archive);
        assertEquals(List.of(a.id(), b.id()), loaded.stream().map(LoadedImage::id).toList());
        assertEquals(List.of("a:1"), target.image(a.id().value()).repoTags());
        assertEquals(List.of(), target.image(b.id().value()).repoTags());
        assertSameImage(a, target.image("a:1"));
        assertSameImage(b, target.image(b.id().value()));
    }

    @Test
    void ociArchiveWithoutManifestJsonIsNamedByItsAnnotations() throws Exception {
        ImageRecord original = TestImages.twoLayers(source, scratch, "x", "app:1");
        Path saved = save(Compression.GZIP, "app:1");
        Manifest manifest = savedManifest(saved);
        Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(manifestBytes(saved)),
                manifestBytes(saved).length);
        String skopeoStyle = new String(Index.oci(List.of(entry.withAnnotations(Map.of(Index.REF_NAME,
                "example.com/app:7")))).toJson(), java.nio.charset.StandardCharsets.UTF_8);
        List<LoadedImage> loaded = load(Archives.ociOnly(saved, skopeoStyle));
        assertEquals(original.id(), loaded.get(0).id());
        assertEquals(List.of("example.com/app:7"), target.image(original.id().value()).repoTags());
        assertEquals(manifest.config().digest(), original.id());
    }

    @Test
    void ociRefNameThatIsOnlyATagLoadsTheImageUntagged() throws Exception {
        ImageRecord original = TestImages.twoLayers(source, scratch, "x", "app:1");
        Path saved = save(Compression.GZIP, "app:1");
        byte[] manifest = manifestBytes(saved);
        Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(manifest), manifest.length,
                Map.of(Index.REF_NAME, "latest"), null);
        List<LoadedImage> loaded = load(Archives.ociOnly(saved, new String(Index.oci(List.of(entry)).toJson(),
                java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of(), loaded.get(0).tags());
        assertEquals(original.id(), target.image(original.id().value()).id());
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
    void wholeArchiveCompressedIsRead(Compression compression) throws Exception {
        ImageRecord original = TestImages.twoLayers(source, scratch, "x", "app:1");
        byte[] archive = Archives.compressWhole(Files.readAllBytes(save(Compression.NONE, "app:1")), compression);
        load(archive);
        assertSameImage(original, target.image("app:1"));
    }

    @Test
    void dockerArchiveWithGzipLayersAndNoOciManifestLoads() throws Exception {
        ImageRecord original = TestImages.twoLayers(source, scratch, "x", "app:1");
        Map<String, byte[]> files = new LinkedHashMap<>(ArchiveFiles.read(save(Compression.GZIP, "app:1")));
        String manifest = "blobs/sha256/" + Digest.of(manifestBytesOf(files)).hex();
        files.remove("index.json");
        files.remove("oci-layout");
        files.remove(manifest);
        load(ArchiveFiles.write(files));
        ImageRecord loaded = target.image("app:1");
        assertEquals(MediaTypes.OCI_LAYER_GZIP, loaded.manifest().layers().get(0).mediaType());
        assertSameImage(original, loaded);
    }

    @Test
    void multiPlatformIndexLoadsTheImageForThisMachine() throws Exception {
        ImageRecord original = TestImages.twoLayers(source, scratch, "x", "app:1");
        Path saved = save(Compression.GZIP, "app:1");
        byte[] manifest = manifestBytes(saved);
        Descriptor host = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(manifest), manifest.length, Map.of(),
                Platform.host());
        Descriptor other = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of("absent"), 10, Map.of(),
                new Platform("s390x", "linux"));
        Descriptor attestation = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(manifest), manifest.length,
                Map.of("vnd.docker.reference.type", "attestation-manifest"), new Platform("unknown", "unknown"));
        byte[] nested = Index.oci(List.of(other, attestation, host)).toJson();
        Map<String, byte[]> files = new LinkedHashMap<>(ArchiveFiles.read(saved));
        files.remove("manifest.json");
        files.put("blobs/sha256/" + Digest.of(nested).hex(), nested);
        Descriptor top = new Descriptor(MediaTypes.OCI_INDEX, Digest.of(nested), nested.length,
                Map.of(ArchiveNames.IMAGE_NAME_ANNOTATION, "docker.io/library/multi:1", Index.REF_NAME, "1"), null);
        files.put("index.json", Index.oci(List.of(top)).toJson());
        List<LoadedImage> loaded = load(ArchiveFiles.write(files));
        assertEquals(original.id(), loaded.get(0).id());
        assertEquals(List.of("multi:1"), target.image("multi:1").repoTags());
    }

    @Test
    void loadingMovesATagAndReportsWhichImageLostIt() throws Exception {
        ImageRecord first = TestImages.twoLayers(source, scratch, "first", "app:1");
        load(save(Compression.GZIP, "app:1"));
        source.remove("app:1", false);
        ImageRecord second = TestImages.twoLayers(source, scratch, "second", "app:1");
        List<LoadedImage> loaded = load(save(Compression.GZIP, "app:1"));
        assertEquals(List.of(new LoadedImage.Displaced(target.image("app:1").references().get(0), first.id())),
                loaded.get(0).displaced());
        assertEquals(second.id(), target.image("app:1").id());
        assertEquals(first.id(), target.image(first.id().value()).id(), "the old image stays, untagged");
    }

    @Test
    void loadingTheSameArchiveAgainChangesNothing() throws Exception {
        TestImages.twoLayers(source, scratch, "x", "app:1");
        Path saved = save(Compression.GZIP, "app:1");
        load(saved);
        Map<String, Long> before = TestImages.listing(scratch.resolve("target/blobs"));
        List<LoadedImage> again = load(saved);
        assertEquals(List.of(), again.get(0).displaced());
        assertEquals(before, TestImages.listing(scratch.resolve("target/blobs")));
        assertEquals(List.of(), target.check().problems());
    }

    @Test
    void imageWithoutLayersLoads() throws Exception {
        ImageRecord empty = TestImages.image(source, List.of(), "scratch:1");
        load(save(Compression.GZIP, "scratch:1"));
        assertEquals(empty.id(), target.image("scratch:1").id());
        assertFalse(target.image("scratch:1").config().diffIds().iterator().hasNext());
    }

    private static byte[] manifestBytes(Path saved) throws IOException {
        return manifestBytesOf(ArchiveFiles.read(saved));
    }

    private static byte[] manifestBytesOf(Map<String, byte[]> files) throws IOException {
        Index index = Index.parse(files.get("index.json"));
        return files.get("blobs/sha256/" + index.manifests().get(0).digest().hex());
    }

    private static Manifest savedManifest(Path saved) throws IOException {
        return Manifest.parse(manifestBytes(saved));
    }
}
