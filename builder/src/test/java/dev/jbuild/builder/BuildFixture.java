package dev.jbuild.builder;

import dev.jbuild.builder.dispatch.ImageState;
import dev.jbuild.builder.files.DockerFileCopier;
import dev.jbuild.executor.Workspace;
import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real store with a busybox base image ({@code busybox:latest}, from busybox-static) and a real
 * builder (overlay or vfs, runc): what the builder tests build on.
 */
final class BuildFixture implements AutoCloseable {
    static final String PASSWD = String.join("\n",
            "root:x:0:0:root:/root:/bin/sh",
            "daemon:x:1:1:daemon:/usr/sbin:/bin/false",
            "app:x:1000:1000:App:/home/app:/bin/sh",
            "nobody:x:65534:65534:nobody:/home:/bin/false",
            "");
    static final String GROUP = String.join("\n",
            "root:x:0:",
            "daemon:x:1:",
            "app:x:1000:",
            "staff:x:50:app",
            "nogroup:x:65534:",
            "");

    final Path root;
    final ImageStore store;
    final ImageBuilder builder;
    final List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());

    BuildFixture(Path root) throws IOException {
        this.root = root;
        this.store = ImageStore.open(root.resolve("store"));
        this.builder = ImageBuilder.open(store, null, Optional.empty(),
                new DockerFileCopier(store.layout().checksumsDir()));
        if (!Files.isDirectory(root.resolve("busybox"))) {
            Path rootfs = busyboxRootfs(root.resolve("busybox"));
            new ImageImporter(store).importRootfs(rootfs, "busybox:latest",
                    config -> config.withConfig(config.config().withCmd(List.of("sh"))
                            .withEnv(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"))),
                    null);
        }
    }

    /** Reopens the store and builder on the same root: a new process, as far as the cache can tell. */
    BuildFixture reopen() throws IOException {
        close();
        return new BuildFixture(root);
    }

    /** The graph as {@code jbuild build} makes it: invalid instructions are left for the builder to report. */
    static InstructionGraph graph(String dockerfile, Map<String, String> buildArgs, String target) {
        return GraphBuilder.buildDeferringErrors(SyntaxParser.parse(dockerfile, "Dockerfile"), buildArgs, target);
    }

    BuildResult build(String dockerfile, Path context) throws IOException, InterruptedException {
        return build(dockerfile, context, Map.of(), b -> { });
    }

    BuildResult build(String dockerfile, Path context, Map<String, String> buildArgs,
                      Consumer<BuildRequest.Builder> options) throws IOException, InterruptedException {
        return build(dockerfile, context, buildArgs, null, options);
    }

    BuildResult build(String dockerfile, Path context, Map<String, String> buildArgs, String target,
                      Consumer<BuildRequest.Builder> options) throws IOException, InterruptedException {
        events.clear();
        BuildRequest.Builder request = BuildRequest.builder(graph(dockerfile, buildArgs, target), context)
                .buildArgs(buildArgs);
        options.accept(request);
        return builder.build(request.build(), events::add);
    }

    /** A file of the image's root filesystem, as text, or null when it does not exist. */
    String read(ImageState image, String path) throws IOException {
        try (Workspace workspace = builder.diffs().workspace(image.diffIds())) {
            Path file = workspace.rootfs().resolve(path.replaceFirst("^/", ""));
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        }
    }

    /** {@code mode uid:gid} of an entry (lstat), or null. */
    String stat(ImageState image, String path) throws IOException {
        try (Workspace workspace = builder.diffs().workspace(image.diffIds())) {
            Path file = workspace.rootfs().resolve(path.replaceFirst("^/", ""));
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int uid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            String type = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? "d" : "-";
            return type + Integer.toOctalString(mode & 07777) + " " + uid + ":" + gid;
        }
    }

    static ContainerConfig run(BuildResult result) {
        return result.image().config().config();
    }

    static List<String> createdBy(BuildResult result) {
        return result.image().config().history().stream().map(HistoryEntry::createdBy).toList();
    }

    /** History entries this build added (after the busybox base's one entry). */
    static List<HistoryEntry> builtHistory(BuildResult result) {
        List<HistoryEntry> all = result.image().config().history();
        return all.subList(1, all.size());
    }

    static ImageConfig config(BuildResult result) {
        return result.image().config();
    }

    List<String> output() {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof BuildEvent.StepOutput).map(e -> ((BuildEvent.StepOutput) e)
                    .line()).toList();
        }
    }

    long cachedSteps() {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof BuildEvent.StepCached).count();
        }
    }

    long ranSteps() {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof BuildEvent.StepFinished f
                    && !f.step().text().startsWith("FROM")).count();
        }
    }

    static Path context(Path dir, String... namesAndContents) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Path file = dir.resolve(namesAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, namesAndContents[i + 1], StandardCharsets.UTF_8);
        }
        return dir;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    /** busybox-static with its applets as symlinks, passwd and group, /tmp; whole-second mtimes. */
    static Path busyboxRootfs(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path busybox = Files.isExecutable(Path.of("/bin/busybox")) ? Path.of("/bin/busybox") : Path.of("/usr/bin/busybox");
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : sh(dir, "bin/busybox --list").split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
        }
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), PASSWD);
        Files.writeString(etc.resolve("group"), GROUP);
        for (String d : List.of("tmp", "root", "home/app", "proc", "sys", "dev", "var")) {
            Files.createDirectories(dir.resolve(d));
        }
        sh(dir, "chmod 1777 tmp && chmod 700 root && chown 1000:1000 home/app && "
                + "find . -mindepth 1 -exec touch -h -d @1600000000 {} +");
        return dir;
    }

    static String sh(Path dir, String command) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("failed: " + command + "\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}
