package dev.jbuild.cli.lint;

import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.lint.LintReport;
import dev.jbuild.lint.Linter;
import dev.jbuild.lint.Severity;
import dev.jbuild.lint.config.LintConfigLoader;
import dev.jbuild.lint.format.OutputFormat;
import dev.jbuild.parser.graph.InstructionGraph;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code jbuild build --check}: lint the Dockerfile first; print every finding; the build goes on unless one
 * is an error. For BuildCommand to call before planning the build, with the graph it plans from: the file is
 * parsed once, and lint judges the stages the build's arguments and target select.
 */
public final class PreBuildCheck {
    private PreBuildCheck() {}

    /**
     * @param workingDirectory where {@code .jbuild-lint.yaml} is looked for
     * @return true when the build may go on (no finding is an error)
     */
    public static boolean passes(DockerfileSource dockerfile, InstructionGraph graph, Path workingDirectory, PrintStream err,
            String pathVariable) {
        LintConfig config = LintConfigLoader.find(workingDirectory).map(LintConfigLoader::load).orElse(LintConfig.defaults());
        LintReport report = new Linter(config, pathVariable).lint(dockerfile, graph);
        if (!report.findings().isEmpty()) {
            err.print(OutputFormat.TEXT.formatter(false).format(report));
        }
        return !report.failsAt(Severity.ERROR);
    }
}
