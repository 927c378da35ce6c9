package dev.jbuild.cli.build;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildSummary;
import dev.jbuild.parser.syntax.SourceRange;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The final summary every human-readable progress mode ends with. */
final class Summaries {
    private Summaries() {
    }

    static void print(PrintStream out, BuildSummary summary) {
        print(out, summary, Integer.MAX_VALUE);
    }

    /** The summary with each line cut to {@code columns} cells: the live view's, which nothing may wrap. */
    static void print(PrintStream out, BuildSummary summary, int columns) {
        List<String> lines = new ArrayList<>();
        lines.add("writing image " + summary.imageId().value() + " done");
        for (String tag : summary.tags()) {
            lines.add("naming to " + fullName(tag) + " done");
        }
        lines.add("Built " + summary.imageId().shortId() + ": " + summary.layers() + " layer"
                + (summary.layers() == 1 ? "" : "s") + ", " + size(summary.size()) + ", in "
                + seconds(summary.elapsed()));
        for (BuildSummary.StepTiming timing : summary.steps()) {
            lines.add(String.format(Locale.ROOT, "  %7s  %s", timing.cached() ? "CACHED" : seconds(timing.elapsed()),
                    TerminalText.clean(timing.step().label())));
        }
        lines.forEach(line -> out.println(TerminalText.cut(line, columns)));
        warnings(out, summary.warnings(), columns);
    }

    /**
     * BuildKit's closing list of warnings, each with the step's line: wrapped to the width rather than cut,
     * since the fix is in the message's last words.
     */
    private static void warnings(PrintStream out, List<BuildEvent.StepWarning> warnings, int columns) {
        if (warnings.isEmpty()) {
            return;
        }
        out.println();
        out.println(" " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s") + " found:");
        for (BuildEvent.StepWarning warning : warnings) {
            SourceRange range = warning.step().range();
            String text = " - " + (range == null ? "" : range.file() + ":" + range.startLine() + ": ") + warning.message();
            TerminalText.wrap(text, columns, "   ").forEach(out::println);
        }
    }

    /** {@code hello} as BuildKit names it: {@code docker.io/library/hello:latest}. */
    static String fullName(String tag) {
        try {
            return dev.jbuild.imagespec.Reference.parse(tag).toString();
        } catch (RuntimeException e) {
            return tag;
        }
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toNanos() / 1e9);
    }

    /** Docker's human sizes: 1000-based, three significant digits ({@code 4.2MB}). */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + "B" : new java.math.BigDecimal(value).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString() + units[unit];
    }
}
