package dev.jbuild.bench;

import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.lint.FileReport;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.lint.Linter;
import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether parsing, resolving and linting cost grows with the length of the file and not with its square:
 * the same shapes at 1 000 to 100 000 instructions. Divide each score by {@code instructions} for the time
 * per instruction (bench/scaling-bench.sh does, and prints the largest over the smallest per shape; linear
 * means flat within 2x). Shapes: the mixed multi-stage file of {@link GeneratedDockerfile}, and one stage of
 * only {@code ARG} or only {@code RUN true} lines (where the cost per instruction used to grow with the line's
 * position: 11.5 s for 10 000 ARG lines, 40 s to lint 40 000 RUN lines).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ScalingBenchmark {

    @Param({"1000", "3000", "10000", "30000", "100000"})
    public int instructions;

    @Param({"generated", "args", "runs"})
    public String shape;

    private String text;
    private Linter linter;

    @Setup(Level.Trial)
    public void generate() {
        text = text(shape, instructions);
        linter = new Linter(LintConfig.defaults(), null);
    }

    /** A file of {@code instructions} instructions of the given shape. */
    static String text(String shape, int instructions) {
        return switch (shape) {
            case "generated" -> GeneratedDockerfile.of(instructions);
            case "args" -> oneStage(instructions, i -> "ARG A" + i + "=v" + i);
            case "runs" -> oneStage(instructions, i -> "RUN true");
            default -> throw new IllegalArgumentException(shape);
        };
    }

    private static String oneStage(int count, java.util.function.IntFunction<String> line) {
        StringBuilder out = new StringBuilder("FROM scratch\n");
        for (int i = 1; i < count; i++) {
            out.append(line.apply(i)).append('\n');
        }
        return out.toString();
    }

    @Benchmark
    public SyntaxTree parse() {
        return SyntaxParser.parse(text, "Dockerfile");
    }

    @Benchmark
    public InstructionGraph graph() {
        return GraphBuilder.build(SyntaxParser.parse(text, "Dockerfile"), Map.of(), null);
    }

    @Benchmark
    public FileReport lint() {
        return linter.lint(new DockerfileSource("Dockerfile", text));
    }
}
