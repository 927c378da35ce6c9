package dev.jbuild.tests.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxDump;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.parser.syntax.SyntaxTree;
import dev.jbuild.tests.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * About 1 200 Dockerfiles people really wrote: every one parses into a syntax tree, and every one either
 * yields an instruction graph or is refused with a positioned Dockerfile error, never anything else.
 */
class RealWorldCorpusTest {

    private static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.walk(SharedData.realWorldCorpus())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".md") && !p.getFileName().toString().endsWith(".tsv"))
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /**
     * Files in the corpus that BuildKit itself refuses, with jbuild's message (a test resource); every other
     * file must produce an instruction graph. Keeping the list explicit turns any new rejection, or a file
     * wrongly accepted, into a failing test.
     */
    private static Map<String, String> refusedByBuildKitToo() throws IOException {
        Map<String, String> expected = new java.util.TreeMap<>();
        try (var in = RealWorldCorpusTest.class.getResourceAsStream("/corpus-refusals.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] fields = line.split("\t", 2);
                    expected.put(fields[0], fields[1]);
                }
            }
        }
        return expected;
    }

    @Test
    void everyRealWorldDockerfileYieldsAGraphUnlessBuildKitRefusesItToo() throws IOException {
        List<Path> files = corpus();
        Path root = SharedData.realWorldCorpus();
        assertTrue(files.size() > 1000, "expected the real-world corpus, found " + files.size() + " files");
        Map<String, String> refused = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String relative = root.relativize(file).toString();
            try {
                SyntaxTree tree = SyntaxParser.parse(read(file), name);
                long dumpLines = SyntaxDump.dump(tree).lines().count();
                if (dumpLines != tree.instructions().size()) {
                    problems.add(name + ": dump has " + dumpLines + " lines for " + tree.instructions().size() + " instructions");
                }
                InstructionGraph graph = GraphBuilder.build(tree, Map.of(), null);
                if (!graph.requiredStages().contains(graph.targetStage())) {
                    problems.add(name + ": target stage not among the required stages");
                }
            } catch (DockerfileSyntaxException e) {
                if (e.range() == null) {
                    problems.add(name + ": error without position: " + e.getMessage());
                }
                refused.put(relative, e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(name + ": " + e);
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(refusedByBuildKitToo(), refused);
    }
}
