package dev.jbuild.cli.build;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildListener;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code build --dry-run}: the plan, one line per step of the target in step order, each CACHED or
 * what would make it run:
 * <pre>
 * [1/3] FROM busybox
 * [2/3] COPY app.txt /app.txt  CACHED
 * [3/3] RUN make  RUN: build arg VERSION: 1.2 → 1.3
 * </pre>
 * Stages plan in parallel, so lines are gathered and printed when the plan is complete.
 */
public final class PlanPrinter implements BuildListener {
    private final PrintStream out;
    private final Map<Integer, String> lines = new TreeMap<>();

    public PlanPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void on(BuildEvent event) {
        if (event instanceof BuildEvent.StepPlanned planned) {
            String label = planned.step().label();
            String line = planned.step().text().startsWith("FROM ") ? label
                    : label + "  " + (planned.cached() ? "CACHED" : "RUN: " + planned.reason());
            lines.put(planned.step().number(), line);
        }
    }

    /** Prints the plan. */
    public synchronized void print() {
        lines.values().forEach(out::println);
        out.flush();
    }
}
