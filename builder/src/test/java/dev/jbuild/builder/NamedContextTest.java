package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void fromANamedDirectoryIsRefusedWithAMessageBeforeAnyStep() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx"), "f", "x\n");
        try (BuildFixture fixture = new BuildFixture(dir.resolve("jbuild"))) {
            DockerfileSyntaxException e = assertThrows(DockerfileSyntaxException.class, () -> fixture.build(
                    "FROM base\n", context, Map.of(), b -> b.namedContext("base", new NamedContext.Directory(context))));
            assertTrue(e.getMessage().contains("FROM a directory build context (\"base\") is not supported yet"),
                    e.getMessage());
        }
    }
}
