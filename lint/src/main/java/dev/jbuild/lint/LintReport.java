package dev.jbuild.lint;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one lint run over any number of Dockerfiles.
 *
 * @param files one report per Dockerfile, in the order they were given
 * @param notices things worth saying once per run in every format, not findings (a check that failed)
 * @param hints advice for a person reading text output, said once per run and never in a machine
 *     format (that shell analysis is off)
 */
public record LintReport(List<FileReport> files, List<String> notices, List<String> hints) {
    public LintReport {
        files = List.copyOf(files);
        notices = List.copyOf(new java.util.LinkedHashSet<>(notices));
        hints = List.copyOf(new java.util.LinkedHashSet<>(hints));
    }

    public LintReport(List<FileReport> files, List<String> notices) {
        this(files, notices, List.of());
    }

    public List<Finding> findings() {
        return files.stream().flatMap(f -> f.findings().stream()).toList();
    }

    /** How many findings there are of each severity; every severity is present. */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : findings()) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }

    /** True when some finding is at {@code threshold} or worse; a null threshold never fails. */
    public boolean failsAt(Severity threshold) {
        return threshold != null && findings().stream().anyMatch(f -> f.severity().atLeast(threshold));
    }
}
