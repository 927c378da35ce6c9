package dev.jbuild.lint;

import java.util.List;

/**
 * The findings of one Dockerfile, sorted by position, with its physical lines so formatters can quote them.
 *
 * @param file the name findings use
 */
public record FileReport(String file, List<Finding> findings, List<String> lines) {
    public FileReport {
        findings = List.copyOf(findings);
        lines = List.copyOf(lines);
    }

    /** The physical line {@code n} (1-based), or empty when out of range. */
    public String sourceLine(int n) {
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }
}
