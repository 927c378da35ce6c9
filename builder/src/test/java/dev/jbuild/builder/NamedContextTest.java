package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --build-context NAME=DIR|docker-image://REF}: what FROM, COPY --from and RUN --mount=from read. */
class NamedContextTest {
    @TempDir
    Path dir;

    @Test
    void copyFromANamedDirectoryReadsItAndItsChangesMissTheCache() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx"), "main.txt", "main\n", ".dockerignore", "*.txt\n");
        Path docs = BuildFixture.context(dir.resolve("docs"), "guide.txt", "guide v1\n");
        String dockerfile = "FROM scratch\nCOPY --from=docs guide.txt /guide.txt\n";
        try (BuildFixture fixture = new BuildFixture(dir.resolve("jbuild"))) {
            BuildResult first = fixture.build(dockerfile, context, Map.of(),
                    b -> b.namedContext("docs", new NamedContext.Directory(docs)));
            assertEquals("guide v1\n", fixture.read(first.state(), "/guide.txt"),
                    "the main context's .dockerignore does not apply to a named one");
            Files.writeString(docs.resolve("guide.txt"), "guide v2\n");
            BuildResult second = fixture.build(dockerfile, context, Map.of(),
                    b -> b.namedContext("docs", new NamedContext.Directory(docs)));
            assertEquals("guide v2\n", fixture.read(second.state(), "/guide.txt"));
            assertEquals(1, fixture.ranSteps(), "a changed file of the named context is a cache miss");
        }
    }

    @Test
    void aNamedImageTakesThePlaceOfTheImageInFromAndCopyFrom() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx"), "f", "x\n");
        try (BuildFixture fixture = new BuildFixture(dir.resolve("jbuild"))) {
            fixture.build("FROM busybox\nRUN echo pinned > /which\n", context, Map.of(),
                    b -> b.tag("pinned:1"));
            BuildResult result = fixture.build("FROM alpine:3.99\nCOPY --from=tools /which /from-tools\n", context,
                    Map.of(), b -> b.namedContext("alpine:3.99", new NamedContext.Image("pinned:1"))
                            .namedContext("tools", new NamedContext.Image("pinned:1")));
            assertEquals("pinned\n", fixture.read(result.state(), "/which"), "FROM alpine:3.99 read pinned:1");
            assertEquals("pinned\n", fixture.read(result.state(), "/from-tools"));
        }
    }

    /**
     * BuildKit (frontend/dockerui/namedcontext.go, "local") makes a directory context named in FROM the
     * stage's root filesystem: one layer of its files, less what its own .dockerignore excludes, owned
     * 0:0 as context files are, on the empty image's config; its history entry is the exporter's
     * ("local source for NAME"). Docker 20.10's BuildKit has no named contexts (buildx's
     * {@code --build-context}, docs.docker.com/reference/cli/docker/buildx/build/#build-context), so
     * current BuildKit's source is the reference here.
     */
    @Test
    void fromANamedDirectoryMakesItTheRootFilesystem() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx"), "f", "x\n");
        Path base = BuildFixture.context(dir.resolve("base"), "etc/motd", "hello\n", "secret.key", "k\n",
                ".dockerignore", "*.key\n");
        Files.setOwner(base.resolve("etc/motd"), base.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("1000"));
        Files.setPosixFilePermissions(base.resolve("etc/motd"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-r-----"));
        try (BuildFixture fixture = new BuildFixture(dir.resolve("jbuild"))) {
            BuildResult result = fixture.build("FROM base\nENV A=1\n", context, Map.of(),
                    b -> b.namedContext("base", new NamedContext.Directory(base)));
            assertEquals("hello\n", fixture.read(result.state(), "/etc/motd"));
            assertEquals("-640 0:0", fixture.stat(result.state(), "/etc/motd"), "owned 0:0 like context files");
            assertEquals(null, fixture.stat(result.state(), "/secret.key"), "its own .dockerignore applies");
            assertEquals(1, result.image().manifest().layers().size());
            var config = BuildFixture.config(result);
            assertEquals("/", config.config().workingDir());
            assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1"),
                    config.config().env());
            assertEquals(List.of("local source for base", "ENV A=1"), BuildFixture.createdBy(result));
            assertEquals("buildkit.exporter.image.v0", config.history().get(0).comment());
            assertEquals(false, config.history().get(0).emptyLayer());

            BuildResult again = fixture.build("FROM base\nENV A=1\n", context, Map.of(),
                    b -> b.namedContext("base", new NamedContext.Directory(base)));
            assertEquals(result.image().diffIds(), again.image().diffIds());
            assertEquals(1, fixture.cachedSteps());
            Files.writeString(base.resolve("etc/motd"), "changed\n");
            BuildResult changed = fixture.build("FROM base\n", context, Map.of(),
                    b -> b.namedContext("base", new NamedContext.Directory(base)));
            assertEquals("changed\n", fixture.read(changed.state(), "/etc/motd"));
            assertEquals(0, fixture.cachedSteps(), "a changed file of the directory is a cache miss");
        }
    }

    @Test
    void aDirectoryContextServesFromCopyFromAndRunMountsInOneBuild() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx"), "f", "x\n");
        Path tools = BuildFixture.context(dir.resolve("tools"), "bin/tool", "tool v1\n", "skip.tmp", "no\n",
                ".dockerignore", "*.tmp\n");
        String dockerfile = String.join("\n",
                "FROM tools AS t",
                "FROM busybox",
                "COPY --from=t /bin/tool /from-stage",
                "COPY --from=tools /bin/tool /from-context",
                "RUN --mount=from=tools,target=/mnt/tools cat /mnt/tools/bin/tool > /from-mount",
                "COPY --from=tools / /all/",
                "");
        try (BuildFixture fixture = new BuildFixture(dir.resolve("jbuild"))) {
            BuildResult result = fixture.build(dockerfile, context, Map.of(),
                    b -> b.namedContext("tools", new NamedContext.Directory(tools)));
            assertEquals("tool v1\n", fixture.read(result.state(), "/from-stage"));
            assertEquals("tool v1\n", fixture.read(result.state(), "/from-context"));
            assertEquals("tool v1\n", fixture.read(result.state(), "/from-mount"));
            assertEquals(null, fixture.read(result.state(), "/all/skip.tmp"), "COPY --from reads its .dockerignore");
        }
    }

    @Test
    void fromTheSameNameTakesTheDirectoryNotAnImageOfTheStore() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx"), "f", "x\n");
        Path root = BuildFixture.context(dir.resolve("root"), "marker", "directory\n");
        try (BuildFixture fixture = new BuildFixture(dir.resolve("jbuild"))) {
            BuildResult result = fixture.build("FROM busybox\n", context, Map.of(),
                    b -> b.namedContext("busybox", new NamedContext.Directory(root)));
            assertEquals("directory\n", fixture.read(result.state(), "/marker"));
            assertEquals(null, fixture.read(result.state(), "/etc/passwd"), "nothing of the busybox image");
        }
    }
}
