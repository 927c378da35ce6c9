package dev.jbuild.tests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SyntaxDump;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.parser.syntax.SyntaxTree;
import dev.jbuild.tests.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BuildKit's own parser corpus (FORMAT.md §1.1): every dump byte for byte, every negative case rejected. */
class BuildKitParserConformanceTest {

    static Stream<Path> positiveCases() throws IOException {
        return cases("parser/testfiles");
    }

    static Stream<Path> negativeCases() throws IOException {
        return cases("parser/testfiles-negative");
    }

    private static Stream<Path> cases(String dir) throws IOException {
        List<Path> all;
        try (Stream<Path> list = Files.list(SharedData.conformance(dir))) {
            all = list.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(all.size() >= 4, "conformance corpus missing under " + dir);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positiveCases")
    void dumpEqualsBuildKitResult(Path dir) throws IOException {
        String dockerfile = Files.readString(dir.resolve("Dockerfile"), StandardCharsets.UTF_8);
        String expected = Files.readString(dir.resolve("result"), StandardCharsets.UTF_8);
        SyntaxTree tree = SyntaxParser.parse(dockerfile, dir.getFileName() + "/Dockerfile");
        assertEquals(expected, SyntaxDump.dump(tree));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negativeCases")
    void negativeCaseIsRejected(Path dir) throws IOException {
        String dockerfile = Files.readString(dir.resolve("Dockerfile"), StandardCharsets.UTF_8);
        assertThrows(DockerfileSyntaxException.class, () -> SyntaxParser.parse(dockerfile, "Dockerfile"));
    }

    @Test
    void lineRangesMatchBuildKit() throws IOException {
        Path file = SharedData.conformance("parser/testfile-line/Dockerfile");
        SyntaxTree tree = SyntaxParser.parse(Files.readString(file), "Dockerfile");
        List<RawInstruction> instructions = tree.instructions();
        assertEquals(3, instructions.size());
        assertEquals(List.of(5, 5, 11, 12, 17, 31), List.of(
                instructions.get(0).range().startLine(), instructions.get(0).range().endLine(),
                instructions.get(1).range().startLine(), instructions.get(1).range().endLine(),
                instructions.get(2).range().startLine(), instructions.get(2).range().endLine()));
        assertEquals(5, tree.range().startLine());
        assertEquals(31, tree.range().endLine());
    }
}
