package dev.jbuild.tests.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.parser.syntax.SyntaxTree;
import dev.jbuild.tests.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No input crashes or hangs the front end: random bytes, mutated and truncated real files, deep nesting and
 * huge files all end in a syntax tree or a {@link DockerfileSyntaxException}, nothing else. The time limits
 * only catch hangs; they are far above what these inputs take.
 */
class ParserRobustnessTest {

    private static final long SEED = 20261123L;

    /** Parses and resolves; returns null on success or the unexpected exception. */
    private static Throwable frontEnd(String text) {
        try {
            SyntaxTree tree = SyntaxParser.parse(text, "fuzz");
            GraphBuilder.build(tree, Map.of(), null);
            return null;
        } catch (DockerfileSyntaxException expected) {
            return null;
        } catch (RuntimeException | StackOverflowError unexpected) {
            return unexpected;
        }
    }

    private static void assertNoCrash(List<String> inputs) {
        List<String> crashes = new ArrayList<>();
        for (String input : inputs) {
            Throwable t = frontEnd(input);
            if (t != null) {
                crashes.add(t + " for input " + input.substring(0, Math.min(200, input.length())).replace("\n", "\\n"));
            }
        }
        assertEquals(List.of(), crashes);
    }

    @Test
    void randomBytesNeverCrash() {
        Random random = new Random(SEED);
        List<String> inputs = new ArrayList<>();
        String alphabet = "FROMRUNCOPYADDENVARGLABELONBUILD \t\r\n\\`#=\"'[]{},:$<>-/.0123456789abcxyz\u00a0\u2003é";
        for (int i = 0; i < 3000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(300);
            for (int j = 0; j < length; j++) {
                s.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add((random.nextBoolean() ? "FROM scratch\n" : "") + s);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertNoCrash(inputs));
    }

    @Test
    void mutatedAndTruncatedRealFilesNeverCrash() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SharedData.realWorldCorpus())) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".tsv"))
                    .sorted().limit(300).toList();
        }
        Random random = new Random(SEED);
        List<String> inputs = new ArrayList<>();
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                continue;
            }
            inputs.add(text.substring(0, random.nextInt(text.length())));
            StringBuilder mutated = new StringBuilder(text);
            for (int k = 0; k < 5; k++) {
                int at = random.nextInt(mutated.length());
                String insert = List.of("\\", "\"", "'", "[", "<<EOF", "${", "\n", "--", "`").get(random.nextInt(9));
                mutated.insert(at, insert);
            }
            inputs.add(mutated.toString());
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertNoCrash(inputs));
    }

    @Test
    void deepNestingIsRejectedOrAcceptedCleanly() {
        List<String> inputs = List.of(
                "FROM scratch\nCMD " + "[".repeat(100_000) + "\n",
                "FROM scratch\nCMD " + "[".repeat(20_000) + "]".repeat(20_000) + "\n",
                "FROM scratch\nARG A=" + "${A:-".repeat(10_000) + "x" + "}".repeat(10_000) + "\nFROM ${A}\n",
                "FROM scratch\n" + "ONBUILD ".repeat(5_000) + "RUN x\n",
                "FROM scratch\nRUN " + "\\\n".repeat(50_000) + "x\n",
                "FROM scratch\nRUN " + "<<A ".repeat(1000) + "\n" + "A\n".repeat(1000));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertNoCrash(inputs));
    }

    @Test
    void hundredThousandLineFileParses() {
        StringBuilder text = new StringBuilder("FROM busybox AS base\n");
        for (int i = 0; i < 100_000; i++) {
            text.append(i % 3 == 0 ? "RUN echo " + i + " \\\n  && true\n" : i % 3 == 1 ? "ENV V" + i + "=" + i + "\n" : "# comment " + i + "\n");
        }
        String input = text.toString();
        SyntaxTree tree = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> SyntaxParser.parse(input, "big"));
        assertTrue(tree.instructions().size() > 66_000);
        assertEquals(1, tree.instructions().get(0).range().startLine());
    }
}
