package dev.jbuild.bench;

import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.lint.Linter;
import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.syntax.SyntaxParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Time per instruction of parse, graph and lint at 1 000 to 100 000 instructions, measured as the CPU time
 * of the thread that does the work (parsing and linting one file are single-threaded) rather than wall time,
 * so that other work on a shared machine, the JIT compiler's threads and the collector's do not pass for a
 * cost of the file's length. Three warm-up rounds, then sizes alternate within each round; each figure is
 * the median of the rounds. Prints, per shape and phase, the largest time per instruction over the smallest:
 * linear cost keeps it under 2. Run by bench/scaling-bench.sh.
 */
public final class ScalingCheck {
    private static final int[] SIZES = {1_000, 3_000, 10_000, 30_000, 100_000};
    private static final int ROUNDS = Integer.getInteger("rounds", 9);
    /** Work per measurement: a small file is parsed many times, so that every measurement lasts about as long. */
    private static final long INSTRUCTIONS_PER_MEASUREMENT = 200_000;

    private ScalingCheck() {
    }

    private static final int WARM_UP_ROUNDS = 3;

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Linter linter = new Linter(LintConfig.defaults(), null);
        Map<String, Consumer<String>> phases = new LinkedHashMap<>();
        phases.put("parse", text -> SyntaxParser.parse(text, "Dockerfile"));
        phases.put("graph", text -> GraphBuilder.build(SyntaxParser.parse(text, "Dockerfile"), Map.of(), null));
        phases.put("lint", text -> linter.lint(new DockerfileSource("Dockerfile", text)));
        System.out.printf(Locale.ROOT, "%-10s %-6s %s   max/min (CPU ns per instruction, median of %d rounds)%n",
                "shape", "phase", sizesHeader(), ROUNDS);
        for (String shape : List.of("generated", "args", "runs")) {
            String[] texts = new String[SIZES.length];
            for (int i = 0; i < SIZES.length; i++) {
                texts[i] = ScalingBenchmark.text(shape, SIZES[i]);
            }
            for (Map.Entry<String, Consumer<String>> phase : phases.entrySet()) {
                for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                    for (int i = 0; i < SIZES.length; i++) {
                        measure(threads, phase.getValue(), texts[i], SIZES[i]);
                    }
                }
                List<List<Double>> perInstruction = new ArrayList<>();
                for (int i = 0; i < SIZES.length; i++) {
                    perInstruction.add(new ArrayList<>());
                }
                for (int round = 0; round < ROUNDS; round++) {
                    for (int i = 0; i < SIZES.length; i++) {
                        perInstruction.get(i).add(measure(threads, phase.getValue(), texts[i], SIZES[i]));
                    }
                }
                double[] medians = perInstruction.stream().mapToDouble(ScalingCheck::median).toArray();
                double max = Arrays.stream(medians).max().orElseThrow();
                double min = Arrays.stream(medians).min().orElseThrow();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %-6s", shape, phase.getKey()));
                for (double median : medians) {
                    line.append(String.format(Locale.ROOT, " %9.0f", median));
                }
                System.out.println(line.append(String.format(Locale.ROOT, "   %5.2f", max / min)));
            }
        }
    }

    /** This thread's CPU nanoseconds per instruction of running {@code phase} over {@code text} enough times. */
    private static double measure(ThreadMXBean threads, Consumer<String> phase, String text, int instructions) {
        long repeats = Math.max(1, INSTRUCTIONS_PER_MEASUREMENT / instructions);
        long start = threads.getCurrentThreadCpuTime();
        for (long r = 0; r < repeats; r++) {
            phase.accept(text);
        }
        return (double) (threads.getCurrentThreadCpuTime() - start) / (repeats * instructions);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static String sizesHeader() {
        StringBuilder header = new StringBuilder();
        for (int size : SIZES) {
            header.append(String.format(Locale.ROOT, " %9d", size));
        }
        return header.toString();
    }
}
