package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jbuild build} through the real command line, with a real store, runc and overlayfs. */
class BuildCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;
    @TempDir
    Path scratch;

    record Result(int exit, String out, String err) {}

    private static Result run(InputStream stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    private static Result run(InputStream stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--root", root.resolve("store").toString()));
        all.addAll(List.of(args));
        int exit = new Cli(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(all.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    @BeforeAll
    static void importBusybox() throws IOException, InterruptedException {
        Path rootfs = Files.createDirectories(root.resolve("busybox/bin"));
        Files.copy(Path.of(Files.exists(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox"),
                rootfs.resolve("busybox"));
        for (String applet : List.of("sh", "echo", "cat", "ls", "true", "wc")) {
            Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(root.resolve("busybox/etc"));
        Files.writeString(root.resolve("busybox/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.resolve("busybox/etc/group"), "root:x:0:\n");
        Result imported = run("import", root.resolve("busybox").toString(), "busybox:latest");
        assertEquals(0, imported.exit(), imported.err());
    }

    private Path context(String dockerfileName, String dockerfile, String... files) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("ctx"));
        Files.writeString(dir.resolve(dockerfileName), dockerfile);
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        return dir;
    }

    /**
     * The registries (their settings file, Docker's credentials) are opened only when a FROM needs a pull:
     * a build from stored images never reads them, so a broken settings file fails only a build that pulls.
     */
    @Test
    void registrySettingsAreReadOnlyWhenAFromNeedsAPull() throws IOException {
        Path settings = Files.writeString(scratch.resolve("registries.json"), "[1]");
        Map<String, String> env = Map.of("JBUILD_REGISTRY_CONFIG", settings.toString());
        Path dir = context("Dockerfile", "FROM busybox\nCOPY f /f\n", "f", "x\n");
        Result stored = run(new ByteArrayInputStream(new byte[0]), env, "build", "-q", dir.toString());
        assertEquals(0, stored.exit(), stored.err());
        Files.writeString(dir.resolve("Dockerfile"), "FROM registry.invalid/nothing:1\nCOPY f /f\n");
        Result pulled = run(new ByteArrayInputStream(new byte[0]), env, "build", "-q", dir.toString());
        assertEquals(1, pulled.exit(), pulled.err());
        assertTrue(pulled.err().contains(settings + " is not a JSON object"), pulled.err());
    }

    @Test
    void buildWithoutTheBuildWordAndAnyDockerfileNameRunsTheTestSuite() throws IOException {
        Path dir = context("Dockerfile.test", "FROM busybox\nCOPY test.sh /\nRUN sh /test.sh\n",
                "test.sh", "echo 'ok 1 - arithmetic'; [ $((1+1)) -eq 2 ]\n");
        Result result = run("--progress", "plain", "-f", dir.resolve("Dockerfile.test").toString(), dir.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("#3 [3/3] RUN sh /test.sh"), result.err());
        assertTrue(result.err().lines().anyMatch(l -> l.matches("#3 \\d+\\.\\d{3} ok 1 - arithmetic")), result.err());
        assertTrue(result.err().contains("#3 DONE"), result.err());
    }

    @Test
    void failingTestSuiteExitsOneWithTheLineTheCodeAndTheOutput() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\nRUN echo 'not ok 1 - broken'; exit 3\n");
        Result result = run("--progress", "plain", dir.toString());
        assertEquals(1, result.exit());
        assertTrue(result.err().contains(
                "jbuild: failed to solve: process \"/bin/sh -c echo 'not ok 1 - broken'; exit 3\" did not complete "
                        + "successfully: exit code: 3"), result.err());
        assertTrue(result.err().contains("   2 | >>> RUN echo 'not ok 1 - broken'; exit 3"), result.err());
        assertTrue(result.err().contains("\nnot ok 1 - broken\n"), result.err());
    }

    /**
     * An executor failure in a step (here the storage driver a RUN needs, named wrongly) is one line from the
     * executor's family and exit code 1, as when that family was a checked IOException.
     */
    @Test
    void anExecutorFailureInAStepIsItsOneLineAndExitOne() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\nRUN true\n");
        Result result = run(new ByteArrayInputStream(new byte[0]), Map.of("JBUILD_STORAGE_DRIVER", "bogus"),
                "build", "--progress", "plain", dir.toString());
        assertEquals(1, result.exit(), result.err());
        List<String> lines = result.err().lines().toList();
        assertEquals("jbuild: unknown storage driver 'bogus' (expected overlay or vfs)", lines.get(lines.size() - 1),
                result.err());
        assertTrue(result.err().contains("ERROR: unknown storage driver 'bogus'"), result.err());
        assertTrue(result.err().lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("internal error")),
                result.err());
    }

    @Test
    void tagsIidfileAndQuietProgress() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\nLABEL quiet=yes\n");
        Path iid = scratch.resolve("iid");
        Result result = run("build", "--progress", "quiet", "-t", "one:latest", "-t", "two:v1",
                "--iidfile", iid.toString(), dir.toString());
        assertEquals(0, result.exit(), result.err());
        String id = result.out().trim();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), result.out());
        assertEquals(id, Files.readString(iid));
        assertEquals("", result.err());
        Result images = run("images", "--format", "json");
        assertTrue(images.out().contains("one") && images.out().contains("v1"), images.out());
    }

    @Test
    void anIidfileThatCannotBeWrittenIsOneLineAndExitOneAfterTheImageIsStored() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\nLABEL iid=unwritable\n");
        Path iid = scratch.resolve("missing-dir").resolve("iid");
        Result result = run("build", "--progress", "quiet", "-t", "kept:iid", "--iidfile", iid.toString(), dir.toString());
        assertEquals(1, result.exit());
        assertEquals("jbuild: cannot write the image ID to " + iid + ": no such directory\n", result.err());
        assertTrue(run("images", "--format", "json").out().contains("\"Tag\":\"iid\""), "the image is stored");
    }

    @Test
    void dashQPrintsOnlyTheImageIdLikeDockerBuildQuiet() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\nLABEL short=q\n");
        Result result = run("-q", "-t", "short:q", dir.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().matches("sha256:[0-9a-f]{64}\n"), result.out());
        assertEquals("", result.err());
    }

    @Test
    void jsonProgressIsOneObjectPerLine() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\nRUN echo from-json\n");
        Result result = run("--progress", "json", "--no-cache", dir.toString());
        assertEquals(0, result.exit(), result.err());
        List<JsonNode> events = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            events.add(JSON.readTree(line));
        }
        assertTrue(events.stream().anyMatch(e -> e.get("event").asText().equals("step-output")
                && e.get("line").asText().equals("from-json")));
        JsonNode last = events.get(events.size() - 1);
        assertEquals("build-finished", last.get("event").asText());
        assertEquals(2, last.get("layers").asInt());
    }

    @Test
    void outputLocalAndTarWriteTheRootFilesystem() throws IOException, InterruptedException {
        Path dir = context("Dockerfile", "FROM busybox\nRUN echo content > /made-here\n");
        Path local = scratch.resolve("out");
        Path tar = scratch.resolve("rootfs.tar");
        Result result = run("--progress", "quiet", "-o", "type=local,dest=" + local, "--output",
                "type=tar,dest=" + tar, dir.toString());
        assertEquals(0, result.exit(), result.err());
        assertEquals("content\n", Files.readString(local.resolve("made-here")));
        assertTrue(Files.isSymbolicLink(local.resolve("bin/sh")));
        Process list = new ProcessBuilder("tar", "-tf", tar.toString()).start();
        List<String> entries = Arrays.asList(new String(list.getInputStream().readAllBytes()).split("\n"));
        list.waitFor();
        assertTrue(entries.contains("made-here"), entries.toString());
        assertTrue(entries.contains("bin/busybox"), entries.toString());
    }

    @Test
    void outputDockerWritesALoadableArchive() throws IOException, InterruptedException {
        Path dir = context("Dockerfile", "FROM busybox\nRUN echo x > /x\n");
        Path archive = scratch.resolve("image.tar");
        Result result = run("--progress", "quiet", "-t", "saved:1", "-o", "type=docker,dest=" + archive,
                dir.toString());
        assertEquals(0, result.exit(), result.err());
        Process list = new ProcessBuilder("tar", "-tf", archive.toString()).start();
        String entries = new String(list.getInputStream().readAllBytes());
        list.waitFor();
        assertTrue(entries.contains("manifest.json") && entries.contains("index.json"), entries);
    }

    @Test
    void dockerfileOnStdinBuildsWithoutAContext() {
        Result result = run(new ByteArrayInputStream("FROM busybox\nRUN echo stdin-build\n".getBytes()),
                "--progress", "plain", "--no-cache", "-");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("stdin-build"), result.err());
    }

    @Test
    void contextTarOnStdin() throws IOException, InterruptedException {
        Path dir = context("Dockerfile", "FROM busybox\nCOPY data.txt /\nRUN cat /data.txt\n", "data.txt",
                "from-tar\n");
        Process tar = new ProcessBuilder("tar", "-C", dir.toString(), "-cf", "-", ".").start();
        byte[] bytes = tar.getInputStream().readAllBytes();
        tar.waitFor();
        Result result = run(new ByteArrayInputStream(bytes), "--progress", "plain", "--no-cache", "-");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("from-tar"), result.err());
    }

    @Test
    void dockerignoreKeepsFilesOutOfTheContext() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\nCOPY . /ctx/\nRUN ls /ctx\n", ".dockerignore", "secret.txt\n",
                "secret.txt", "no", "kept.txt", "yes");
        Result result = run("--progress", "plain", "--no-cache", dir.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("kept.txt"), result.err());
        assertTrue(!result.err().contains(" secret.txt"), result.err());
    }

    @Test
    void secretFromAFileReachesTheStep() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\nRUN --mount=type=secret,id=tok wc -c < /run/secrets/tok\n");
        Path secret = scratch.resolve("tok.txt");
        Files.writeString(secret, "12345");
        Result result = run("--progress", "plain", "--no-cache", "--secret", "id=tok,src=" + secret, dir.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().lines().anyMatch(l -> l.endsWith(" 5")), result.err());
    }

    @Test
    void missingBaseImageIsOneLine() throws IOException {
        Path dir = context("Dockerfile", "FROM nowhere:1\n");
        Result result = run("--progress", "plain", dir.toString());
        assertEquals(1, result.exit());
        assertTrue(result.err().startsWith(dir.resolve("Dockerfile") + ":1:1: image \"nowhere:1\" is not in the store"),
                "found before the build, at the FROM line: " + result.err());
    }

    @Test
    void unknownProgressModeAndBadOutputAreUsageErrors() throws IOException {
        Path dir = context("Dockerfile", "FROM busybox\n");
        assertEquals(1, run("--progress", "fancy", dir.toString()).exit());
        Result bad = run("-o", "type=zip,dest=x", dir.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("invalid --output type \"zip\""), bad.err());
    }

    @Test
    void platformOfTheHostIsAcceptedAndAnotherIsRefused() throws IOException {
        Path dir = context("Dockerfile", "FROM scratch\nCOPY f /f\n", "f", "x\n");
        Result host = run("build", "-q", "--platform", dev.jbuild.cli.build.PlatformOption.host(), dir.toString());
        assertEquals(0, host.exit(), host.err());
        String other = dev.jbuild.cli.build.PlatformOption.host().endsWith("amd64") ? "linux/arm64" : "linux/amd64";
        Result refused = run("build", "-q", "--platform", other, dir.toString());
        assertEquals(1, refused.exit());
        assertEquals("jbuild: --platform " + other + ": jbuild builds only for this host's platform ("
                + dev.jbuild.cli.build.PlatformOption.host() + "); building for another platform is not supported yet\n",
                refused.err());
    }

    @Test
    void metadataFileHoldsTheDigestsBuildxWrites() throws IOException {
        Path dir = context("Dockerfile", "FROM scratch\nCOPY f /f\n", "f", "meta\n");
        Path file = scratch.resolve("metadata.json");
        Result result = run("build", "-q", "-t", "meta:1", "--metadata-file", file.toString(), dir.toString());
        assertEquals(0, result.exit(), result.err());
        JsonNode metadata = JSON.readTree(file.toFile());
        assertEquals(result.out().trim(), metadata.get("containerimage.config.digest").asText());
        String manifest = metadata.get("containerimage.digest").asText();
        assertEquals(manifest, metadata.get("containerimage.descriptor").get("digest").asText());
        assertEquals("meta:1", metadata.get("image.name").asText());
        Path blob = root.resolve("store").resolve("blobs/sha256").resolve(manifest.substring("sha256:".length()));
        assertTrue(Files.isRegularFile(blob), blob.toString());
        assertEquals(Files.size(blob), metadata.get("containerimage.descriptor").get("size").asLong());
    }

    @Test
    void buildContextNamesADirectoryThatCopyFromReads() throws IOException {
        Path dir = context("Dockerfile", "FROM scratch\nCOPY --from=docs guide.txt /guide.txt\n", "f", "x\n");
        Path docs = Files.createDirectories(scratch.resolve("docs"));
        Files.writeString(docs.resolve("guide.txt"), "the guide\n");
        Path out = scratch.resolve("out");
        Result result = run("build", "-q", "--build-context", "docs=" + docs, "-o", "type=local,dest=" + out,
                dir.toString());
        assertEquals(0, result.exit(), result.err());
        assertEquals("the guide\n", Files.readString(out.resolve("guide.txt")));
        Result bad = run("build", "-q", "--build-context", "docs", dir.toString());
        assertEquals("jbuild: invalid --build-context \"docs\": expected NAME=DIR or NAME=docker-image://REF\n", bad.err());
    }
}
