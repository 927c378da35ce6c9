package dev.jbuild.lint.format;

import dev.jbuild.lint.LintReport;

/** Turns a lint report into the text one output format wants. */
public interface ReportFormatter {
    String format(LintReport report);
}
