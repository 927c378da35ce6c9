package dev.jbuild.cli.lint;

import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.lint.LintReport;
import dev.jbuild.lint.Linter;
import dev.jbuild.lint.Severity;
import dev.jbuild.lint.config.LintConfigLoader;
import dev.jbuild.lint.format.OutputFormat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jbuild build --check}: lint the Dockerfile first; print every finding; the build goes on unless one
 * is an error. For BuildCommand to call before planning the build.
 */
public final class PreBuildCheck {
    private PreBuildCheck() {}

    /**
     * @param workingDirectory where {@code .jbuild-lint.yaml} is looked for
     * @return true when the build may go on (no finding is an error)
     */
    public static boolean passes(DockerfileSource dockerfile, Path workingDirectory, PrintStream err, String pathVariable) {
        LintConfig config = LintConfigLoader.find(workingDirectory).map(LintConfigLoader::load).orElse(LintConfig.defaults());
        LintReport report = new Linter(config, pathVariable).lint(List.of(dockerfile));
        if (!report.findings().isEmpty()) {
            err.print(OutputFormat.TEXT.formatter(false).format(report));
        }
        return !report.failsAt(Severity.ERROR);
    }
}
