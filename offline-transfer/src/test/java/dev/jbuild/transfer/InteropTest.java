package dev.jbuild.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Index;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
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

/**
 * Our archives read by the real clients (skopeo, umoci, podman, docker) and theirs read by us. A
 * tool that is not installed, or a Docker engine that is not reachable, skips its test with a
 * visible reason; CI installs skopeo, umoci and podman.
 */
class InteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;
    ImageStore store;
    ImageRecord busybox;

    @BeforeEach
    void open() throws IOException {
        store = ImageStore.open(scratch.resolve("store"));
        busybox = new ImageImporter(store).importRootfs(TreePictures.busyboxRootfs(scratch), "busybox:1",
                config -> config.withConfig(config.config().withCmd(List.of("/bin/sh"))), null);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private static void requireTool(String tool) {
        assumeTrue(Tools.available(tool), tool + " is not installed here (CI installs it): test skipped");
    }

    private Path save(Compression compression, String... names) throws IOException {
        Path file = Files.createTempFile(scratch, "saved", ".tar");
        new ImageSaver(store).saveToFile(List.of(names), SaveOptions.defaults().withCompression(compression), file);
        return file;
    }

    private List<LoadedImage> loadInto(ImageStore target, Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return new ImageLoader(target).load(in, LoadOptions.defaults());
        }
    }

    private static Digest manifestDigestIn(Path archive) throws IOException {
        return Index.parse(ArchiveFiles.read(archive).get("index.json")).manifests().get(0).digest();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void skopeoReadsOurArchiveAsOciArchiveWithOurManifestAndConfig(Compression compression) throws Exception {
        requireTool("skopeo");
        Path archive = save(compression, "busybox:1");
        Digest manifest = manifestDigestIn(archive);
        String raw = Tools.run(scratch, "skopeo", "inspect", "--raw", "oci-archive:" + archive + ":1");
        assertEquals(manifest, Digest.of(raw));
        String config = Tools.run(scratch, "skopeo", "inspect", "--raw", "--config", "oci-archive:" + archive + ":1");
        assertEquals(busybox.id(), Digest.of(config));
        JsonNode inspect = JSON.readTree(Tools.run(scratch, "skopeo", "inspect", "oci-archive:" + archive + ":1"));
        assertEquals(manifest.value(), inspect.path("Digest").asText());
        assertEquals(busybox.config().architecture(), inspect.path("Architecture").asText());
    }

    @Test
    void skopeoReadsOurArchiveAsDockerArchiveWithTheSameConfigAndDiffIds() throws Exception {
        requireTool("skopeo");
        Path archive = save(Compression.GZIP, "busybox:1");
        String config = Tools.run(scratch, "skopeo", "inspect", "--raw", "--config", "docker-archive:" + archive);
        assertEquals(busybox.id(), Digest.of(config));
        JsonNode inspect = JSON.readTree(Tools.run(scratch, "skopeo", "inspect", "docker-archive:" + archive));
        List<String> layers = new ArrayList<>();
        inspect.path("Layers").forEach(layer -> layers.add(layer.asText()));
        assertEquals(busybox.diffIds().stream().map(Digest::value).toList(), layers);
        JsonNode explicit = JSON.readTree(Tools.run(scratch, "skopeo", "inspect",
                "docker-archive:" + archive + ":busybox:1"));
        assertEquals(inspect.path("Digest"), explicit.path("Digest"));
    }

    @Test
    void skopeoCopyThroughAnOciDirectoryIntoADockerArchiveLoadsBackAsTheSameImage() throws Exception {
        requireTool("skopeo");
        Path archive = save(Compression.GZIP, "busybox:1");
        Path layout = scratch.resolve("layout");
        Tools.run(scratch, "skopeo", "copy", "oci-archive:" + archive + ":1", "oci:" + layout + ":copied");
        Path dockerArchive = scratch.resolve("from-skopeo.tar");
        Tools.run(scratch, "skopeo", "copy", "oci:" + layout + ":copied",
                "docker-archive:" + dockerArchive + ":example.com/busybox:copied");
        try (ImageStore target = ImageStore.open(scratch.resolve("target"))) {
            List<LoadedImage> loaded = loadInto(target, dockerArchive);
            assertEquals(busybox.id(), loaded.get(0).id(), "the image ID survives skopeo's conversions");
            ImageRecord image = target.image("example.com/busybox:copied");
            assertEquals(busybox.diffIds(), image.diffIds());
            assertEquals(TreePictures.detailed(TestImages.exportTree(store, busybox, scratch)),
                    TreePictures.detailed(TestImages.exportTree(target, image, scratch)));
            assertEquals(List.of(), target.check().problems());
        }
    }

    @Test
    void skopeoCopyOfOurDockerArchiveIntoAnOciArchiveLoadsBack() throws Exception {
        requireTool("skopeo");
        Path archive = save(Compression.NONE, "busybox:1");
        Path ociArchive = scratch.resolve("from-skopeo-oci.tar");
        Tools.run(scratch, "skopeo", "copy", "docker-archive:" + archive + ":busybox:1",
                "oci-archive:" + ociArchive + ":busybox:oci");
        assertTrue(!ArchiveFiles.read(ociArchive).containsKey("manifest.json"), "skopeo wrote an OCI-only archive");
        // Converting a Docker image to OCI, skopeo re-serialises the config (Go struct order), which makes
        // a new image ID; what we must keep is the ID of the config skopeo wrote, and the layers.
        Digest skopeoConfig = Digest.of(Tools.run(scratch, "skopeo", "inspect", "--raw", "--config",
                "oci-archive:" + ociArchive + ":busybox:oci"));
        try (ImageStore target = ImageStore.open(scratch.resolve("target"))) {
            List<LoadedImage> loaded = loadInto(target, ociArchive);
            assertEquals(skopeoConfig, loaded.get(0).id());
            ImageRecord image = target.image("busybox:oci");
            assertEquals(busybox.diffIds(), image.diffIds());
            assertEquals(TreePictures.detailed(TestImages.exportTree(store, busybox, scratch)),
                    TreePictures.detailed(TestImages.exportTree(target, image, scratch)));
        }
    }

    @Test
    void umociUnpacksOurLayoutToTheTreeWeExport() throws Exception {
        requireTool("umoci");
        // distinct tags: like Docker's, our index names a manifest by its tag alone
        ImageRecord layered = TestImages.twoLayers(store, scratch, "umoci", "layered:2");
        Path archive = save(Compression.GZIP, "busybox:1", "layered:2");
        Path layout = Files.createDirectory(scratch.resolve("layout"));
        Tools.run(layout, "tar", "-xf", archive.toString());
        for (ImageRecord image : List.of(busybox, layered)) {
            String tag = image.repoTags().get(0);
            Path bundle = scratch.resolve("bundle-" + image.shortId());
            Tools.run(scratch, "umoci", "unpack", "--image", layout + ":" + tag.substring(tag.indexOf(':') + 1),
                    bundle.toString());
            Map<String, String> umoci = TreePictures.detailed(bundle.resolve("rootfs"));
            Map<String, String> ours = TreePictures.detailed(TestImages.exportTree(store, image, scratch));
            assertEquals(ours, umoci, tag);
        }
    }

    @Test
    void podmanLoadsOurArchiveWithTheSameImageId() throws Exception {
        requireTool("podman");
        Path archive = save(Compression.GZIP, "busybox:1");
        // Outside JUnit's temp dir: after `podman run` returns, conmon still runs `podman container cleanup`,
        // which writes into the podman root while JUnit would be deleting it.
        Path podmanHome = Files.createTempDirectory("jbuild-podman-");
        try {
            podmanLoads(archive, podmanHome);
        } finally {
            deleteWithRetries(podmanHome);
        }
    }

    private void podmanLoads(Path archive, Path podmanHome) throws Exception {
        List<String> podman = List.of("podman", "--root", podmanHome.resolve("root").toString(), "--runroot",
                podmanHome.resolve("run").toString(), "--storage-driver", "vfs", "--runtime", "runc");
        List<String> load = new ArrayList<>(podman);
        load.addAll(List.of("load", "-i", archive.toString()));
        Tools.Result loaded = Tools.exec(scratch, load);
        assumeTrue(loaded.exit() == 0 || !loaded.out().contains("Error: "),
                "podman unusable here: " + loaded.out().strip());
        assertEquals(0, loaded.exit(), loaded.out());
        assertTrue(loaded.out().contains("Loaded image"), loaded.out());
        List<String> images = new ArrayList<>(podman);
        images.addAll(List.of("images", "--no-trunc", "--format", "{{.ID}}"));
        assertEquals(busybox.id().hex(), Tools.run(scratch, images.toArray(String[]::new)).strip()
                .replace("sha256:", ""));
    }

    @Test
    void podmanRunsTheBusyboxImageWeSaved() throws Exception {
        requireTool("podman");
        assumeTrue(Files.isRegularFile(TreePictures.BUSYBOX), "busybox-static is not installed: test skipped");
        Path archive = save(Compression.GZIP, "busybox:1");
        // Outside JUnit's temp dir: after `podman run` returns, conmon still runs `podman container cleanup`,
        // which writes into the podman root while JUnit would be deleting it.
        Path podmanHome = Files.createTempDirectory("jbuild-podman-");
        try {
            podmanRuns(archive, podmanHome);
        } finally {
            deleteWithRetries(podmanHome);
        }
    }

    private void podmanRuns(Path archive, Path podmanHome) throws Exception {
        List<String> podman = List.of("podman", "--root", podmanHome.resolve("root").toString(), "--runroot",
                podmanHome.resolve("run").toString(), "--storage-driver", "vfs", "--runtime", "runc");
        List<String> load = new ArrayList<>(podman);
        load.addAll(List.of("load", "-i", archive.toString()));
        assumeTrue(Tools.exec(scratch, load).exit() == 0, "podman cannot load images here: test skipped");
        List<String> run = new ArrayList<>(podman);
        run.addAll(List.of("run", "--rm", "--network", "none", "busybox:1", "/bin/echo", "hello from jbuild"));
        Tools.Result result = Tools.exec(scratch, run);
        assumeTrue(result.exit() == 0, "podman cannot run containers in this sandbox: " + result.out().strip());
        assertEquals("hello from jbuild\n", result.out());
    }

    /** Podman's asynchronous cleanup may still be writing: retry for a few seconds, then give up quietly. */
    private static void deleteWithRetries(Path dir) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                Thread.sleep(250);
            }
        }
        System.err.println("InteropTest: could not remove " + dir + " (podman still writing); left for the OS to clean");
    }

    /** Docker 20.10 and later load our archive; ours loads what Docker saves (its pre-25 format below 25). */
    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "NONE"})
    void dockerRoundTripKeepsTheImageId(Compression compression) throws Exception {
        requireTool("docker");
        Tools.Result info = Tools.exec(scratch, List.of("docker", "info", "--format", "{{.ServerVersion}}"));
        boolean engine = info.exit() == 0 && !info.out().isBlank();
        assumeTrue(engine || underCi(), "no Docker engine reachable, docker round trip "
                + "skipped: " + info.out().strip().lines().reduce((a, b) -> b).orElse(""));
        // a name no one else uses: the engine may be shared
        String tag = "jbuild-interop-" + Long.toHexString(System.nanoTime()) + ":" + compression.label();
        store.tag("busybox:1", tag);
        try {
            Path archive = save(compression, tag);
            Tools.run(scratch, "docker", "load", "-i", archive.toString());
            assertEquals(busybox.id().value(), Tools.run(scratch, "docker", "image", "inspect", "--format", "{{.Id}}",
                    tag).strip());
            Path fromDocker = scratch.resolve("from-docker.tar");
            Tools.run(scratch, "docker", "save", "-o", fromDocker.toString(), tag);
            try (ImageStore target = ImageStore.open(scratch.resolve("target"))) {
                assertEquals(busybox.id(), loadInto(target, fromDocker).get(0).id());
                assertEquals(TreePictures.detailed(TestImages.exportTree(store, busybox, scratch)),
                        TreePictures.detailed(TestImages.exportTree(target, target.image(tag), scratch)));
                Path again = Files.createTempFile(scratch, "again", ".tar");
                new ImageSaver(target).saveToFile(List.of(tag), SaveOptions.defaults().withCompression(compression),
                        again);
                Tools.run(scratch, "docker", "rmi", tag);
                Tools.run(scratch, "docker", "load", "-i", again.toString());
                assertEquals(busybox.id().value(), Tools.run(scratch, "docker", "image", "inspect", "--format",
                        "{{.Id}}", tag).strip());
            }
        } finally {
            Tools.exec(scratch, List.of("docker", "rmi", tag));
        }
    }

    /** Files the engine puts into every container: not part of the image. */
    private static final java.util.Set<String> ENGINE_FILES = java.util.Set.of(".dockerenv", "etc/hosts",
            "etc/resolv.conf", "etc/hostname", "etc/mtab", "dev/", "proc/", "sys/", "dev/console", "dev/pts/",
            "dev/shm/");

    /** {@code jbuild export} writes the headers {@code docker export} writes for the same image. */
    @Test
    void exportHeadersMatchDockerExportOfTheSameImage() throws Exception {
        requireTool("docker");
        Tools.Result info = Tools.exec(scratch, List.of("docker", "info", "--format", "{{.ServerVersion}}"));
        boolean engine = info.exit() == 0 && !info.out().isBlank();
        assumeTrue(engine || underCi(), "no Docker engine reachable, docker export comparison "
                + "skipped: " + info.out().strip().lines().reduce((a, b) -> b).orElse(""));
        String tag = "jbuild-export-" + Long.toHexString(System.nanoTime()) + ":1";
        store.tag("busybox:1", tag);
        String container = null;
        try {
            Tools.run(scratch, "docker", "load", "-i", save(Compression.GZIP, tag).toString());
            container = Tools.run(scratch, "docker", "create", tag).strip();
            Path theirs = scratch.resolve("docker-export.tar");
            Tools.run(scratch, "docker", "export", "-o", theirs.toString(), container);
            Path ours = scratch.resolve("jbuild-export.tar");
            try (java.io.OutputStream out = Files.newOutputStream(ours)) {
                new dev.jbuild.store.ImageExporter(store).export(tag, out);
            }
            Map<String, String> expected = exportHeaders(theirs);
            expected.keySet().removeIf(ENGINE_FILES::contains);
            expected.remove("etc/"); // the engine writes its files there, so its time is the container's
            Map<String, String> actual = exportHeaders(ours);
            actual.remove("etc/");
            assertEquals(expected, actual);
        } finally {
            if (container != null) {
                Tools.exec(scratch, List.of("docker", "rm", container));
            }
            Tools.exec(scratch, List.of("docker", "rmi", tag));
        }
    }

    /** Every entry's header, name without "./", as text: type, mode (file-type bits included), owner ids and names, size, time, link. */
    private static Map<String, String> exportHeaders(Path tar) throws IOException {
        Map<String, String> headers = new java.util.TreeMap<>();
        try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream in =
                     new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(tar))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                headers.put(e.getName().replaceFirst("^\\./", ""), String.join(" ", String.valueOf(
                        (char) e.getLinkFlag()), "0" + Integer.toOctalString(e.getMode()), e.getLongUserId() + ":"
                        + e.getLongGroupId(), e.getUserName() + ":" + e.getGroupName(), Long.toString(e.getSize()),
                        Long.toString(e.getModTime().getTime() / 1000), e.getLinkName()));
            }
        }
        return headers;
    }

    @Test
    void gnuTarListsAndExtractsOurArchive() throws Exception {
        Path archive = save(Compression.ZSTD, "busybox:1");
        Path out = Files.createDirectory(scratch.resolve("untarred"));
        Tools.run(out, "tar", "-xf", archive.toString());
        for (Map.Entry<String, byte[]> file : ArchiveFiles.read(archive).entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(out.resolve(file.getKey())), file.getKey());
        }
        assertEquals("{\"imageLayoutVersion\": \"1.0.0\"}", Files.readString(out.resolve("oci-layout"),
                StandardCharsets.UTF_8));
    }

    /** Under CI an engine is started by .ci/run, so a missing one is a failure, not a skip. */
    private static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty();
    }
}
