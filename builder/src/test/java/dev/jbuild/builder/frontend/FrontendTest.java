package dev.jbuild.builder.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.layertar.TarHeader;
import dev.jbuild.layertar.TarWriter;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front half on real directories, real tars on stdin and real files: what build, parse and lint read. */
class FrontendTest {
    @TempDir
    Path dir;

    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    private FrontendRequest inDirectory(String file) {
        return new FrontendRequest(new ContextSource.Directory(dir), file, Map.of(), null, NO_STDIN);
    }

    @Test
    void aContextDirectoryGivesItsDockerfileIgnoreRulesAndGraph() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch AS one\nCOPY a /a\nFROM scratch AS two\n");
        Files.writeString(dir.resolve(".dockerignore"), "*.log\n");

        try (FrontendResult front = Frontend.read(inDirectory(null))) {
            assertEquals(dir.resolve("Dockerfile").normalize().toString(), front.dockerfileName());
            assertEquals(dir.toAbsolutePath(), front.contextDir().orElseThrow());
            assertTrue(front.ignore().isExcluded("build.log"));
            assertFalse(front.ignore().isExcluded("a"));
            InstructionGraph graph = front.graph();
            assertEquals(2, graph.stages().size());
            assertEquals(1, graph.target());
        }
    }

    @Test
    void buildArgumentsAndTargetReachTheGraph() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "ARG BASE=one\nFROM scratch AS one\nFROM ${BASE} AS two\nFROM scratch AS three\n");
        FrontendRequest request = new FrontendRequest(new ContextSource.Directory(dir), null, Map.of("BASE", "three"), "two",
                NO_STDIN);

        try (FrontendResult front = Frontend.read(request)) {
            InstructionGraph graph = front.graph().requireBuildable();
            assertEquals(1, graph.target());
            assertEquals("three", graph.targetStage().baseName());
        }
    }

    @Test
    void aDockerfileSpecificIgnoreFileWinsOverTheContexts() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(outside.resolve("app.Dockerfile"), "FROM scratch\n");
        Files.writeString(outside.resolve("app.Dockerfile.dockerignore"), "secret\n");
        Files.writeString(context.resolve(".dockerignore"), "other\n");
        FrontendRequest request = new FrontendRequest(new ContextSource.Directory(context),
                outside.resolve("app.Dockerfile").toString(), Map.of(), null, NO_STDIN);

        try (FrontendResult front = Frontend.read(request)) {
            assertTrue(front.ignore().isExcluded("secret"));
            assertFalse(front.ignore().isExcluded("other"));
            assertEquals(outside.resolve("app.Dockerfile").toString(), front.dockerfileName());
        }
    }

    @Test
    void anInvalidIgnoreLineIsNamedByFileAndLine() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve(".dockerignore"), "# comment\nok\n!\n");

        try (FrontendResult front = Frontend.read(inDirectory(null))) {
            FrontendException error = assertThrows(FrontendException.class, front::ignore);
            assertTrue(error.getMessage().startsWith(dir.resolve(".dockerignore") + ":3: "), error.getMessage());
            assertEquals(1, front.graph().stages().size(), "the Dockerfile is still read: lint goes on without the rules");
        }
    }

    @Test
    void aSyntaxErrorIsKeptWithItsLineForTheReaderToReportOrThrow() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nRUN <<EOF\nnever closed\n");

        try (FrontendResult front = Frontend.read(inDirectory(null))) {
            DockerfileSyntaxException error = front.syntaxError().orElseThrow();
            assertTrue(error.oneLine().startsWith(dir.resolve("Dockerfile").normalize() + ":"), error.oneLine());
            assertThrows(DockerfileSyntaxException.class, front::graph);
        }
    }

    @Test
    void anInvalidInstructionStaysInTheGraphWithItsLine() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY --nope a b\n");

        try (FrontendResult front = Frontend.read(inDirectory(null))) {
            InstructionGraph graph = front.graph();
            assertEquals(1, graph.problems().size());
            assertEquals(2, graph.problems().get(0).range().startLine());
            DockerfileSyntaxException error = assertThrows(DockerfileSyntaxException.class, graph::requireValid);
            assertEquals(2, error.range().startLine());
        }
    }

    @Test
    void aContextTarOnStdinIsUnpackedAndRemovedOnClose() throws IOException {
        byte[] tar = tar(Map.of("Dockerfile", "FROM scratch\nCOPY hello /\n", "hello", "hi\n", ".dockerignore", "*.tmp\n"));
        FrontendRequest request = new FrontendRequest(new ContextSource.Stdin(), null, Map.of(), null,
                new ByteArrayInputStream(tar));

        Path context;
        try (FrontendResult front = Frontend.read(request)) {
            context = front.contextDir().orElseThrow();
            assertEquals("hi\n", Files.readString(context.resolve("hello")));
            assertTrue(front.ignore().isExcluded("x.tmp"));
            assertEquals(1, front.graph().stages().get(0).instructions().size());
        }
        assertFalse(Files.exists(context), "the unpacked context outlives the build: " + context);
    }

    @Test
    void aBareDockerfileOnStdinHasNoContext() {
        FrontendRequest request = new FrontendRequest(new ContextSource.Stdin(), null, Map.of(), null,
                new ByteArrayInputStream("FROM scratch\nENV A=b\n".getBytes(StandardCharsets.UTF_8)));

        try (FrontendResult front = Frontend.read(request)) {
            assertEquals("-", front.dockerfileName());
            assertTrue(front.contextDir().isEmpty());
            assertTrue(front.ignore().isEmpty());
            assertEquals(1, front.graph().stages().size());
        }
    }

    @Test
    void theDockerfileFromStdinWithAContextDirectory() throws IOException {
        Files.writeString(dir.resolve(".dockerignore"), "x\n");
        FrontendRequest request = new FrontendRequest(new ContextSource.Directory(dir), "-", Map.of(), null,
                new ByteArrayInputStream("FROM scratch\n".getBytes(StandardCharsets.UTF_8)));

        try (FrontendResult front = Frontend.read(request)) {
            assertEquals("-", front.dockerfileName());
            assertTrue(front.dockerfilePath().isEmpty());
            assertTrue(front.ignore().isExcluded("x"));
        }
    }

    @Test
    void whatCannotBeReadIsOneClearLine() throws IOException {
        FrontendException noContext = assertThrows(FrontendException.class, () -> Frontend.read(
                new FrontendRequest(new ContextSource.Directory(dir.resolve("absent")), null, Map.of(), null, NO_STDIN)));
        assertEquals("unable to prepare context: path \"" + dir.resolve("absent") + "\" not found", noContext.getMessage());

        FrontendException noDockerfile = assertThrows(FrontendException.class, () -> Frontend.read(inDirectory(null)));
        assertEquals("cannot read Dockerfile " + dir.resolve("Dockerfile").normalize() + ": no such file", noDockerfile.getMessage());

        FrontendException twice = assertThrows(FrontendException.class, () -> Frontend.read(
                new FrontendRequest(new ContextSource.Stdin(), "-", Map.of(), null, NO_STDIN)));
        assertEquals("cannot read both the Dockerfile (-f -) and the context (-) from stdin", twice.getMessage());
    }

    @Test
    void aLoneDockerfileLooksForIgnoreRulesWhereItIsTold() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(elsewhere.resolve(".dockerignore"), "build\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");

        try (FrontendResult front = Frontend.read(FrontendRequest.dockerfile(dir.resolve("Dockerfile").toString(),
                new ContextSource.None(elsewhere), null))) {
            assertTrue(front.contextDir().isEmpty());
            assertTrue(front.ignore().isExcluded("build"));
        }
    }

    private static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarWriter writer = new TarWriter(bytes);
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            writer.beginEntry(TarHeader.regularFile(file.getKey(), content.length, 0644, 0));
            writer.write(content, 0, content.length);
            writer.endEntry();
        }
        writer.finish();
        return bytes.toByteArray();
    }
}
