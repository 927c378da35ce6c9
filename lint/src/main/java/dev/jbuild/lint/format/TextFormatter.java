package dev.jbuild.lint.format;

import dev.jbuild.lint.FileReport;
import dev.jbuild.lint.Finding;
import dev.jbuild.lint.LintReport;
import dev.jbuild.lint.Severity;
import java.util.Map;

/**
 * For people: one block per file, each finding as {@code FILE:LINE:COL RULE severity: message} followed by
 * the source line and a caret under the column, then a one-line summary. A rule another catalogue names
 * too shows that name after its own: {@code MaintainerDeprecated (DL4000)}. Colour only when asked for.
 */
public final class TextFormatter implements ReportFormatter {
    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";

    private final boolean color;

    public TextFormatter(boolean color) {
        this.color = color;
    }

    @Override
    public String format(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (FileReport file : report.files()) {
            if (file.findings().isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            for (Finding f : file.findings()) {
                out.append(paint(BOLD, f.file() + ":" + f.line() + ":" + f.column())).append(' ')
                        .append(f.rule()).append(f.aliases().isEmpty() ? "" : " (" + String.join(", ", f.aliases()) + ")")
                        .append(' ')
                        .append(paint(colorOf(f.severity()), f.severity().label())).append(": ")
                        .append(f.message()).append('\n');
                String source = file.sourceLine(f.line());
                if (!source.isEmpty()) {
                    out.append("  ").append(source).append('\n');
                    out.append("  ").append(paint(DIM, caret(source, f.column()))).append('\n');
                }
            }
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(summary(report)).append('\n');
        return out.toString();
    }

    /** Spaces (tabs where the line has tabs, so it lines up) up to the column, then a caret. */
    static String caret(String source, int column) {
        StringBuilder caret = new StringBuilder();
        for (int i = 1; i < column && i <= source.length(); i++) {
            caret.append(source.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        return caret.append('^').toString();
    }

    static String summary(LintReport report) {
        Map<Severity, Integer> counts = report.counts();
        int files = report.files().size();
        String linted = files + (files == 1 ? " file" : " files") + " linted";
        if (report.findings().isEmpty()) {
            return linted + ", no findings";
        }
        return linted + ": " + plural(counts.get(Severity.ERROR), "error") + ", " + plural(counts.get(Severity.WARNING), "warning")
                + ", " + plural(counts.get(Severity.INFO), "info");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
    }

    private static String colorOf(Severity severity) {
        return switch (severity) {
            case ERROR -> "\u001B[31m";
            case WARNING -> "\u001B[33m";
            case INFO -> "\u001B[36m";
        };
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
