package dev.jbuild.parser.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.shell.ExpansionLimits;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxParser;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dockerfiles written to exhaust the parser: very long files, values that double at every line, variables
 * that add up past any real build. Each must end quickly with a graph or a one-line error naming the line.
 * The timeouts only stop a run that would otherwise go on for many minutes (20 000 ARG lines took 51 s
 * while each line copied every variable before it; the doubling ARGs never ended): how fast parsing is,
 * is measured by bench/scaling-bench.sh.
 */
class LargeDockerfilesTest {

    private static InstructionGraph graph(String text) {
        return GraphBuilder.build(SyntaxParser.parse(text, "Dockerfile"), Map.of(), null);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneHundredThousandArgLinesResolveEachAgainstTheOnesBefore() {
        StringBuilder text = new StringBuilder("ARG A0=start\n");
        for (int i = 1; i < 50_000; i++) {
            text.append("ARG A").append(i).append("=${A").append(i - 1).append(":+x}y\n");
        }
        text.append("FROM scratch\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("ARG S").append(i).append("=$S").append(Math.max(0, i - 1)).append('\n');
        }

        InstructionGraph graph = graph(text.toString());

        assertEquals(50_000, graph.metaArgs().size());
        assertEquals(50_000, graph.stages().get(0).instructions().size());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aValueThatDoublesAtEveryLineStopsAtTheLineWhereItPassesTheLimit() {
        StringBuilder text = new StringBuilder("ARG V0=0123456789abcdef\n");
        for (int i = 1; i <= 50; i++) {
            text.append("ARG V").append(i).append("=${V").append(i - 1).append("}${V").append(i - 1).append("}\n");
        }
        text.append("FROM scratch\n");

        DockerfileSyntaxException error = assertThrows(DockerfileSyntaxException.class, () -> graph(text.toString()));

        // 16 characters doubled 16 times is 1 MiB; the 17th doubling (line 18) is one character too many.
        assertEquals(18, error.range().startLine());
        assertTrue(error.oneLine().startsWith("Dockerfile:18:1: failed to process \"${V16}${V16}\": the expanded value "
                + "is longer than " + ExpansionLimits.MAX_VALUE + " characters"), error.oneLine());
        assertEquals(-1, error.oneLine().indexOf('\n'));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void variablesThatAddUpPastTheLimitStopAtTheLineThatGrewThem() {
        StringBuilder text = new StringBuilder("ARG A=" + "a".repeat(60_000) + "\n");
        String sixteenCopies = "$A".repeat(16);
        for (int i = 1; i <= 10; i++) {
            text.append("ARG B").append(i).append('=').append(sixteenCopies).append('\n');
        }
        text.append("FROM scratch\n");

        DockerfileSyntaxException error = assertThrows(DockerfileSyntaxException.class, () -> graph(text.toString()));

        // Each B is 960 000 characters: the fifth takes the total past 4 MiB.
        assertEquals(6, error.range().startLine());
        assertEquals("Dockerfile:6:1: the build's variables (ARG and ENV) add up to more than " + ExpansionLimits.MAX_ENVIRONMENT
                + " characters", error.oneLine());
    }

    @Test
    void aStagesEnvironmentIsBoundedToo() {
        StringBuilder text = new StringBuilder("FROM scratch\nENV A=" + "a".repeat(60_000) + "\n");
        for (int i = 1; i <= 10; i++) {
            text.append("ENV B").append(i).append('=').append("$A".repeat(16)).append('\n');
        }
        text.append("COPY --from=$B9 /x /y\n");

        // Stage variables only serve to find COPY --from stages; one that grew too large is an error at its line.
        DockerfileSyntaxException error = assertThrows(DockerfileSyntaxException.class, () -> graph(text.toString()));
        assertEquals(7, error.range().startLine());
    }
}
