package dev.jbuild.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.store.BlobCorruptedException;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.ImageNotFoundException;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SaveArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;
    ImageStore store;

    @BeforeEach
    void open() throws IOException {
        store = ImageStore.open(scratch.resolve("store"));
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private Path save(SaveOptions options, String... names) throws IOException {
        Path file = Files.createTempFile(scratch, "saved", ".tar");
        new ImageSaver(store).saveToFile(List.of(names), options, file);
        return file;
    }

    private static String blobName(Digest digest) {
        return "blobs/sha256/" + digest.hex();
    }

    @Test
    void archiveHasDocker25LayoutWithSortedEntriesAndFixedHeaders() throws Exception {
        ImageRecord image = TestImages.twoLayers(store, scratch, "x", "app:1");
        Path archive = save(SaveOptions.defaults().withCompression(Compression.NONE), "app:1");
        List<String> blobs = new ArrayList<>(List.of(blobName(image.id()), blobName(image.manifestDigest()),
                blobName(image.diffIds().get(0)), blobName(image.diffIds().get(1))));
        blobs.sort(null);
        List<String> expected = new ArrayList<>(List.of("d 755 0:0 0 blobs/", "d 755 0:0 0 blobs/sha256/"));
        blobs.forEach(name -> expected.add("- 644 0:0 0 " + name));
        expected.addAll(List.of("- 644 0:0 0 index.json", "- 644 0:0 0 manifest.json", "- 644 0:0 0 oci-layout",
                "- 644 0:0 0 repositories"));
        assertEquals(expected, ArchiveFiles.headers(archive));
        assertEquals("{\"imageLayoutVersion\": \"1.0.0\"}",
                new String(ArchiveFiles.read(archive).get("oci-layout"), StandardCharsets.UTF_8));
        List<String> names = expected.stream().map(h -> h.substring(h.lastIndexOf(' ') + 1)).toList();
        assertEquals(String.join("\n", names) + "\n", Tools.run(scratch, "tar", "-tf", archive.toString()));
    }

    @Test
    void indexNamesEveryTagWithOciRefNameAndContainerdImageName() throws IOException {
        ImageRecord image = TestImages.twoLayers(store, scratch, "x", "app:1", "registry.example:5000/team/app:2");
        Path archive = save(SaveOptions.defaults().withCompression(Compression.NONE), "app:1",
                "registry.example:5000/team/app:2");
        String platform = "\"platform\":{\"architecture\":\"" + TestImages.PLATFORM.architecture() + "\",\"os\":\"linux\"}";
        String descriptor = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                + image.manifestDigest() + "\",\"size\":" + store.blobs().size(image.manifestDigest());
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + descriptor + ",\"annotations\":{\"io.containerd.image.name\":\"docker.io/library/app:1\","
                + "\"org.opencontainers.image.ref.name\":\"1\"}," + platform + "},"
                + descriptor + ",\"annotations\":{\"io.containerd.image.name\":\"registry.example:5000/team/app:2\","
                + "\"org.opencontainers.image.ref.name\":\"2\"}," + platform + "}]}",
                new String(ArchiveFiles.read(archive).get("index.json"), StandardCharsets.UTF_8));
    }

    @Test
    void manifestJsonPointsIntoBlobsAndRepositoriesNamesTheTopDiffId() throws IOException {
        ImageRecord image = TestImages.twoLayers(store, scratch, "x", "app:1", "app:2");
        Path archive = save(SaveOptions.defaults().withCompression(Compression.NONE), "app");
        Map<String, byte[]> files = ArchiveFiles.read(archive);
        assertEquals("[{\"Config\":\"" + blobName(image.id()) + "\",\"RepoTags\":[\"app:1\",\"app:2\"],\"Layers\":[\""
                + blobName(image.diffIds().get(0)) + "\",\"" + blobName(image.diffIds().get(1)) + "\"]}]\n",
                new String(files.get("manifest.json"), StandardCharsets.UTF_8));
        String top = image.diffIds().get(1).hex();
        assertEquals("{\"app\":{\"1\":\"" + top + "\",\"2\":\"" + top + "\"}}\n",
                new String(files.get("repositories"), StandardCharsets.UTF_8));
    }

    @Test
    void uncompressedSaveKeepsTheStoredManifestAndConfigBytes() throws IOException {
        ImageRecord image = TestImages.twoLayers(store, scratch, "x", "app:1");
        Map<String, byte[]> files = ArchiveFiles.read(save(SaveOptions.defaults().withCompression(Compression.NONE),
                "app:1"));
        assertArrayEquals(store.blobs().read(image.manifestDigest()), files.get(blobName(image.manifestDigest())));
        assertArrayEquals(store.blobs().read(image.id()), files.get(blobName(image.id())));
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
    void compressedLayersHaveTheirMediaTypeAndDecompressToTheDiffIds(Compression compression) throws IOException {
        ImageRecord image = TestImages.twoLayers(store, scratch, "x", "app:1");
        Map<String, byte[]> files = ArchiveFiles.read(save(SaveOptions.defaults().withCompression(compression),
                "app:1"));
        JsonNode index = JSON.readTree(files.get("index.json"));
        String manifestDigest = index.path("manifests").get(0).path("digest").asText();
        JsonNode manifest = JSON.readTree(files.get(blobName(Digest.parse(manifestDigest))));
        assertEquals(image.id().value(), manifest.path("config").path("digest").asText());
        JsonNode dockerManifest = JSON.readTree(files.get("manifest.json")).get(0);
        for (int i = 0; i < 2; i++) {
            JsonNode layer = manifest.path("layers").get(i);
            assertEquals(MediaTypes.ociLayer(compression), layer.path("mediaType").asText());
            byte[] blob = files.get(blobName(Digest.parse(layer.path("digest").asText())));
            assertEquals(layer.path("size").asLong(), blob.length);
            assertEquals(compression, CompressionStreams.sniff(new java.io.BufferedInputStream(new ByteArrayInputStream(blob))));
            try (InputStream in = CompressionStreams.decompressing(compression, new ByteArrayInputStream(blob))) {
                assertEquals(image.diffIds().get(i), Digest.of(in.readAllBytes()));
            }
            assertEquals("blobs/sha256/" + Digest.parse(layer.path("digest").asText()).hex(),
                    dockerManifest.path("Layers").get(i).asText());
        }
    }

    @Test
    void savingTwiceGivesIdenticalBytesAndReusesTheCachedCompressedLayers() throws IOException {
        ImageRecord image = TestImages.twoLayers(store, scratch, "x", "app:1");
        byte[] first = Files.readAllBytes(save(SaveOptions.defaults(), "app:1"));
        Descriptor cached = store.compressedCache().cached(image.diffIds().get(1), Compression.GZIP).orElseThrow();
        byte[] second = Files.readAllBytes(save(SaveOptions.defaults(), "app:1"));
        assertArrayEquals(first, second);
        assertEquals(cached, store.compressedCache().cached(image.diffIds().get(1), Compression.GZIP).orElseThrow());
    }

    @Test
    void layersSharedByTwoImagesAreStoredOnce() throws IOException {
        Path base = Files.createTempDirectory(scratch, "base");
        TestImages.write(base, "etc/os-release", "ID=test\n");
        Path one = Files.createTempDirectory(scratch, "one");
        TestImages.write(one, "one.txt", "1");
        Path two = Files.createTempDirectory(scratch, "two");
        TestImages.write(two, "two.txt", "2");
        ImageRecord a = TestImages.imageOfTrees(store, List.of(base, one), "a:1");
        ImageRecord b = TestImages.imageOfTrees(store, List.of(base, two), "b:1");
        assertEquals(a.diffIds().get(0), b.diffIds().get(0));
        Path archive = save(SaveOptions.defaults(), "a:1", "b:1");
        List<String> headers = ArchiveFiles.headers(archive);
        // 2 configs + 2 manifests + 3 distinct layers, each once
        assertEquals(7, headers.stream().filter(h -> h.contains(" blobs/sha256/") && !h.endsWith("/")).count());
        JsonNode items = JSON.readTree(ArchiveFiles.read(archive).get("manifest.json"));
        assertEquals(items.get(0).path("Layers").get(0), items.get(1).path("Layers").get(0));
    }

    @Test
    void imageSavedByIdIsUntagged() throws IOException {
        ImageRecord image = TestImages.twoLayers(store, scratch, "x", "app:1");
        Map<String, byte[]> files = ArchiveFiles.read(save(SaveOptions.defaults().withCompression(Compression.NONE),
                image.shortId()));
        assertEquals("[{\"Config\":\"" + blobName(image.id()) + "\",\"RepoTags\":null,\"Layers\":[\""
                + blobName(image.diffIds().get(0)) + "\",\"" + blobName(image.diffIds().get(1)) + "\"]}]\n",
                new String(files.get("manifest.json"), StandardCharsets.UTF_8));
        assertFalse(files.containsKey("repositories"));
        JsonNode entry = JSON.readTree(files.get("index.json")).path("manifests").get(0);
        assertFalse(entry.has("annotations"));
    }

    @Test
    void unknownImageFailsWithNothingWritten() throws IOException {
        Path target = scratch.resolve("out.tar");
        ImageNotFoundException e = assertThrows(ImageNotFoundException.class,
                () -> new ImageSaver(store).saveToFile(List.of("nope:1"), SaveOptions.defaults(), target));
        assertEquals("No such image: nope:1", e.getMessage());
        assertFalse(Files.exists(target));
        try (var files = Files.list(scratch)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("jbuild-save")));
        }
    }

    @Test
    void corruptLayerInTheStoreFailsTheSaveAndLeavesNoFile() throws IOException {
        ImageRecord image = TestImages.twoLayers(store, scratch, "x", "app:1");
        Path blob = store.blobs().path(image.diffIds().get(1));
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        Path target = scratch.resolve("out.tar");
        BlobCorruptedException e = assertThrows(BlobCorruptedException.class, () -> new ImageSaver(store)
                .saveToFile(List.of("app:1"), SaveOptions.defaults().withCompression(Compression.NONE), target));
        assertEquals(image.diffIds().get(1), e.expected());
        assertFalse(Files.exists(target));
    }

    @Test
    void streamedSaveIsTheSameAsTheFile() throws IOException {
        TestImages.twoLayers(store, scratch, "x", "app:1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ImageSaver(store).save(List.of("app:1"), SaveOptions.defaults(), out);
        assertArrayEquals(Files.readAllBytes(save(SaveOptions.defaults(), "app:1")), out.toByteArray());
    }
}
