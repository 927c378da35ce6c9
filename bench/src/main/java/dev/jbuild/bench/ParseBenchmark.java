package dev.jbuild.bench;

import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing and resolving Dockerfiles in a warm JVM: the largest real-world Dockerfile of the shared corpus,
 * and a generated file of 10 000 instructions (target: under 100 ms for 10 000 lines). "parse" is text to
 * syntax tree; "graph" adds typed instructions, ARG expansion, stage dependencies and pruning.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmark {

    private String largestRealWorld;
    private String generated;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path corpus = Path.of(System.getProperty("jbuild.shared", "../shared"), "corpus", "realworld");
        try (Stream<Path> files = Files.walk(corpus)) {
            Path largest = files.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".tsv"))
                    .max(Comparator.comparingLong(ParseBenchmark::size))
                    .orElseThrow();
            largestRealWorld = new String(Files.readAllBytes(largest), StandardCharsets.UTF_8);
        }
        generated = GeneratedDockerfile.of(10_000);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Benchmark
    public SyntaxTree parseLargestRealWorld() {
        return SyntaxParser.parse(largestRealWorld, "Dockerfile");
    }

    @Benchmark
    public InstructionGraph graphLargestRealWorld() {
        return GraphBuilder.build(SyntaxParser.parse(largestRealWorld, "Dockerfile"), Map.of(), null);
    }

    @Benchmark
    public SyntaxTree parseGenerated10k() {
        return SyntaxParser.parse(generated, "Dockerfile");
    }

    @Benchmark
    public InstructionGraph graphGenerated10k() {
        return GraphBuilder.build(SyntaxParser.parse(generated, "Dockerfile"), Map.of(), null);
    }
}
