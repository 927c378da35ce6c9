package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.builder.output.RootfsExporter;
import dev.jbuild.imagespec.HistoryEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds samples/hello with {@code docker build} (BuildKit) and with jbuild from the same busybox base,
 * and compares the run configuration, the history text and the root filesystem. Skipped, with a notice
 * on stderr, when no Docker engine is reachable. {@code JBUILD_DOCKER} names the docker client to use
 * (one whose {@code build} uses BuildKit with {@code DOCKER_BUILDKIT=1}).
 */
class DockerDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files the engine adds to every container, and mount points; not part of what a build makes. */
    private static final Set<String> ENGINE_FILES = Set.of(".dockerenv", "etc/hosts", "etc/resolv.conf",
            "etc/hostname", "etc/mtab", "dev", "proc", "sys");

    @TempDir
    Path dir;

    private static String docker() {
        String configured = System.getenv("JBUILD_DOCKER");
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        // Debian's docker.io client builds with its built-in BuildKit; a newer client without buildx cannot.
        return Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    }

    private static String run(Path cwd, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().put("DOCKER_BUILDKIT", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static boolean dockerReachable() {
        try {
            run(Path.of("."), docker(), "info");
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void helloSampleMatchesDockerBuild() throws Exception {
        Path sample = copySample(Path.of("..", "samples", "hello").toAbsolutePath().normalize(), dir.resolve("hello"));
        compareWithDocker(sample, "BASE", Map.of());
    }

    @Test
    void everyConfigInstructionMatchesDockerBuild() throws Exception {
        Path context = BuildFixture.context(dir.resolve("probe"), "f.txt", "hi\n", "Dockerfile", String.join("\n",
                "ARG BASE=busybox:latest",
                "FROM $BASE",
                "ARG A=1",
                "ARG B",
                "ENV E1=x E2=\"y z\"",
                "ENV LEG legacy value",
                "LABEL k=v \"k 2\"=\"v 2\"",
                "RUN echo $A > /a.txt",
                "RUN [\"sh\", \"-c\", \"echo exec\"]",
                "WORKDIR /w",
                "WORKDIR rel",
                "COPY f.txt /x/",
                "COPY --chown=1:1 f.txt g.txt",
                "ADD f.txt /y",
                "USER 65534:65534",
                "EXPOSE 80 53/udp 8000-8001",
                "VOLUME /v1 /v2",
                "STOPSIGNAL SIGINT",
                "HEALTHCHECK --interval=5s --start-period=2s CMD wget x || exit 1",
                "SHELL [\"/bin/sh\", \"-ec\"]",
                "RUN echo shell",
                "ONBUILD RUN echo onbuild",
                "MAINTAINER me <me@x>",
                "ENTRYPOINT [\"/bin/echo\"]",
                "CMD [\"c\"]",
                ""));
        compareWithDocker(context, "BASE", Map.of("B", "2"));
    }

    /** BuildKit's empty image has WorkingDir "/" and PATH; WORKDIR and COPY layers have Docker's sizes. */
    @Test
    void scratchImageMatchesDockerBuild() throws Exception {
        Path context = BuildFixture.context(dir.resolve("scratch"), "f.txt", "thirty bytes of content, yes.\n",
                "g.txt", "x", "Dockerfile", "FROM scratch\nCOPY f.txt /srv/app/f\nWORKDIR /srv\nCOPY g.txt /g\n"
                + "ENV A=1\n");
        compareWithDocker(context, null, Map.of());
    }

    /**
     * Builds the context with Docker and with jbuild from the same busybox root, and compares run
     * configuration, history text, sizes (the image's and each layer's, as Docker counts them) and
     * root filesystem.
     *
     * @param baseArg the build arg naming the base image, or null for a Dockerfile on scratch
     */
    private void compareWithDocker(Path context, String baseArg, Map<String, String> buildArgs) throws Exception {
        boolean reachable = dockerReachable();
        if (!reachable) {
            System.err.println("NOTICE: DockerDifferentialTest skipped: no Docker engine reachable ('" + docker()
                    + " info' failed)");
        }
        assumeTrue(reachable || System.getenv("CI") != null, "no Docker engine reachable");
        try (BuildFixture fixture = new BuildFixture(dir.resolve("jbuild"))) {
            // Names no one else uses: the engine may be shared with other test runs.
            String unique = ProcessHandle.current().pid() + "-" + System.nanoTime();
            String base = "jbuild-differential-busybox:" + unique;
            Path baseTar = dir.resolve("busybox.tar");
            if (baseArg != null) {
                run(dir, "tar", "-C", fixture.root.resolve("busybox").toString(), "--numeric-owner", "-cf",
                        baseTar.toString(), ".");
                run(dir, docker(), "import", "--change", "CMD [\"sh\"]", "--change",
                        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", baseTar.toString(),
                        base);
            }
            String tag = "jbuild-differential-out:" + unique;
            try {
                List<String> command = new ArrayList<>(List.of(docker(), "build", "-q", "-t", tag));
                if (baseArg != null) {
                    command.addAll(List.of("--build-arg", baseArg + "=" + base));
                }
                buildArgs.forEach((k, v) -> command.addAll(List.of("--build-arg", k + "=" + v)));
                command.add(".");
                run(context, command.toArray(String[]::new));
                JsonNode dockerImage = JSON.readTree(run(dir, docker(), "image", "inspect", tag)).get(0);
                Map<String, String> dockerFiles = dockerFilesystem(tag);

                Map<String, String> args = new java.util.HashMap<>(buildArgs);
                if (baseArg != null) {
                    args.put(baseArg, "busybox:latest");
                }
                BuildResult ours = fixture.build(Files.readString(context.resolve("Dockerfile")), context, args,
                        b -> { });
                JsonNode ourConfig = JSON.readTree(BuildFixture.config(ours).toJson()).get("config");
                JsonNode dockerConfig = dockerImage.get("Config");
                for (String field : List.of("User", "Env", "Cmd", "Entrypoint", "WorkingDir", "ExposedPorts",
                        "Volumes", "Labels", "StopSignal", "Healthcheck", "OnBuild", "Shell", "ArgsEscaped")) {
                    assertEquals(normalize(dockerConfig.get(field)), normalize(ourConfig.get(field)), field);
                }
                assertEquals(dockerImage.get("Author").asText(), BuildFixture.config(ours).author());
                int baseEntries = baseArg == null ? 0 : 1;
                assertEquals(dockerHistory(tag, baseEntries), ourHistory(ours, baseEntries));
                assertEquals(dockerImage.get("Size").asLong(), fixture.store.layerSizes().total(ours.image()), "Size");
                assertEquals(dockerLayerSizes(tag), ourLayerSizes(fixture, ours), "history sizes");

                ByteArrayOutputStream tar = new ByteArrayOutputStream();
                new RootfsExporter(fixture.builder.diffs()).writeTar(ours.state(), null, tar);
                Map<String, String> ourFiles = listing(new java.io.ByteArrayInputStream(tar.toByteArray()));
                if (!ourFiles.containsKey("etc")) {
                    dockerFiles.remove("etc"); // made by the engine for its /etc/hosts in a container on scratch
                }
                assertEquals(dockerFiles, ourFiles);
            } finally {
                run(dir, docker(), "rmi", "-f", tag);
                if (baseArg != null) {
                    run(dir, docker(), "rmi", "-f", base);
                }
            }
        }
    }

    /** The sample without its syntax directive: the engine must not try to pull a frontend image. */
    private static Path copySample(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        Path dockerfile = to.resolve("Dockerfile");
        Files.writeString(dockerfile, Files.readString(dockerfile).replaceFirst("(?m)^# syntax=.*\n", ""));
        return to;
    }

    private static JsonNode normalize(JsonNode node) {
        if (node == null || node.isNull() || (node.isContainerNode() && node.isEmpty())
                || (node.isTextual() && node.asText().isEmpty())) {
            return null;
        }
        return node;
    }

    /** The history Docker shows, oldest first, without the base image's {@code baseEntries} entries. */
    private List<String> dockerHistory(String tag, int baseEntries) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        String out = run(dir, docker(), "history", "--no-trunc", "--format", "{{.CreatedBy}}", tag);
        // the base image's entry has an empty created_by: keep empty lines, drop only the final terminator
        for (String line : out.substring(0, out.length() - 1).split("\n", -1)) {
            lines.add(0, comparable(line));
        }
        return lines.subList(baseEntries, lines.size());
    }

    /** {@code docker history}'s SIZE of every entry, in bytes, oldest first (0 for config-only entries). */
    private List<Long> dockerLayerSizes(String tag) throws IOException, InterruptedException {
        List<Long> sizes = new ArrayList<>();
        for (String line : run(dir, docker(), "history", "--human=false", "--format", "{{.Size}}", tag).split("\n")) {
            sizes.add(0, Long.parseLong(line.trim()));
        }
        return sizes;
    }

    /** What {@code jbuild history} shows as SIZE for every entry, oldest first. */
    private static List<Long> ourLayerSizes(BuildFixture fixture, BuildResult result) throws IOException {
        List<Long> layers = fixture.store.layerSizes().of(result.image());
        List<Long> sizes = new ArrayList<>();
        int layer = 0;
        for (HistoryEntry entry : result.image().config().history()) {
            sizes.add(entry.emptyLayer() ? 0L : layers.get(layer++));
        }
        return sizes;
    }

    private static List<String> ourHistory(BuildResult result, int baseEntries) {
        List<HistoryEntry> history = result.image().config().history();
        return history.subList(baseEntries, history.size()).stream().map(HistoryEntry::createdBy)
                .map(DockerDifferentialTest::comparable).toList();
    }

    /** HEALTHCHECK's text is Go's rendering of a struct that gained StartInterval after Docker 20.10. */
    private static String comparable(String createdBy) {
        return createdBy.startsWith("HEALTHCHECK") ? "HEALTHCHECK" : createdBy;
    }

    private Map<String, String> dockerFilesystem(String tag) throws IOException, InterruptedException {
        String container = run(dir, docker(), "create", tag, "/no-command").trim();
        try {
            Path tar = dir.resolve("docker-rootfs.tar");
            run(dir, docker(), "export", "-o", tar.toString(), container);
            try (InputStream in = Files.newInputStream(tar)) {
                return listing(in);
            }
        } finally {
            run(dir, docker(), "rm", container);
        }
    }

    /** path -> type, mode, owner, size and content digest (not mtimes: they are the build's own). */
    private static Map<String, String> listing(InputStream tar) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
                if (name.isEmpty() || ENGINE_FILES.stream().anyMatch(f -> name.equals(f) || name.startsWith(f + "/"))) {
                    continue;
                }
                String content = "";
                if (entry.isFile()) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    sha.update(in.readAllBytes());
                    content = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    content = "-> " + entry.getLinkName().replaceFirst("^\\./", "");
                }
                String type = entry.isDirectory() ? "d" : entry.isSymbolicLink() ? "l" : entry.isLink() ? "h" : "-";
                entries.put(name, type + Integer.toOctalString(entry.getMode() & 07777) + " "
                        + entry.getLongUserId() + ":" + entry.getLongGroupId() + " " + content);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }
}
