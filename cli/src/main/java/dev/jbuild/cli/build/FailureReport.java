package dev.jbuild.cli.build;

import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepFailedException;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.parser.text.Excerpt;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What a failed build prints before its one-line error, as BuildKit does: the step's last output
 * lines and the Dockerfile lines around the failing instruction, marked with {@code >>>}.
 */
public final class FailureReport {
    private FailureReport() {
    }

    public static void print(PrintStream err, BuildException failure, List<String> dockerfileLines) {
        if (failure instanceof StepFailedException step && !step.lastLines().isEmpty()) {
            err.println("------");
            err.println(" > " + step.step().label() + ":");
            step.lastLines().forEach(line -> err.println(line));
            err.println("------");
        }
        SourceRange range = failure.range();
        if (range == null || dockerfileLines.isEmpty() || !range.file().equals(range.file())) {
            return;
        }
        err.println(range.file() + ":" + range.startLine());
        err.println("--------------------");
        int from = Math.max(1, range.startLine() - 2);
        int to = Math.min(dockerfileLines.size(), range.endLine() + 2);
        for (int line = from; line <= to; line++) {
            boolean marked = line >= range.startLine() && line <= range.endLine();
            err.println(String.format(Locale.ROOT, "%4d | %s%s", line, marked ? ">>> " : "",
                    Excerpt.line(dockerfileLines.get(line - 1), 1).text()));
        }
        err.println("--------------------");
    }
}
