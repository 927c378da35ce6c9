package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real-world Dockerfile of the shared corpus (when it is there), every parser conformance input and every sample lints
 * without an exception and without an internal error in a check. Findings are expected; their counts per
 * rule are written to target/lint-corpus-counts.txt for people to look at.
 */
class CorpusTest {

    @Test
    void everyRealWorldDockerfileLintsWithoutAnInternalError() throws IOException {
        List<DockerfileSource> sources = read(SharedData.realWorldCorpus(),
                p -> !p.getFileName().toString().equals("README.md") && !p.getFileName().toString().equals("SOURCES.tsv"));
        assertTrue(sources.size() >= 1000, "corpus files: " + sources.size());
        LintReport report = new Linter(LintConfig.defaults()).lint(sources);
        assertEquals(sources.size(), report.files().size());
        assertEquals(List.of(), report.notices().stream().filter(n -> n.startsWith("internal error")).toList());
        writeCounts(report, sources.size());
        // A linter that finds nothing on a thousand real files is broken, not perfect.
        assertTrue(report.findings().size() > sources.size(), "findings: " + report.findings().size());
    }

    @Test
    void everyParserConformanceInputAndSampleLintsWithoutAnInternalError() throws IOException {
        List<DockerfileSource> sources = new ArrayList<>(read(SharedData.conformance().resolve("parser"),
                p -> p.getFileName().toString().startsWith("Dockerfile")));
        Path samples = Path.of(System.getProperty("jbuild.projectRoot", ".."), "samples");
        if (Files.isDirectory(samples)) {
            sources.addAll(read(samples, p -> p.getFileName().toString().startsWith("Dockerfile")));
        }
        assertTrue(sources.size() > 20, "inputs: " + sources.size());
        LintReport report = new Linter(LintConfig.defaults()).lint(sources);
        assertEquals(List.of(), report.notices().stream().filter(n -> n.startsWith("internal error")).toList());
        assertEquals(sources.size(), report.files().size());
    }

    private static List<DockerfileSource> read(Path dir, java.util.function.Predicate<Path> wanted) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<DockerfileSource> out = new ArrayList<>();
            for (Path p : files.filter(Files::isRegularFile).filter(wanted).sorted().toList()) {
                String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                out.add(new DockerfileSource(dir.relativize(p).toString(), text));
            }
            return out;
        }
    }

    private static void writeCounts(LintReport report, int files) throws IOException {
        Map<String, Long> counts = new TreeMap<>(report.findings().stream()
                .collect(Collectors.groupingBy(Finding::rule, Collectors.counting())));
        Map<String, Long> filesWith = new TreeMap<>();
        for (FileReport f : report.files()) {
            f.findings().stream().map(Finding::rule).distinct().forEach(r -> filesWith.merge(r, 1L, Long::sum));
        }
        StringBuilder text = new StringBuilder("files " + files + ", findings " + report.findings().size() + "\n");
        counts.forEach((rule, n) -> text.append(String.format("%-34s %6d findings in %4d files%n", rule, n, filesWith.get(rule))));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/lint-corpus-counts.txt"), text);
    }
}
