package dev.jbuild.lint;

import dev.jbuild.lint.model.BaseImageEnv;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.lint.rules.Check;
import dev.jbuild.lint.rules.Checks;
import dev.jbuild.lint.rules.FindingSink;
import dev.jbuild.lint.shellcheck.ShellcheckInput;
import dev.jbuild.lint.shellcheck.ShellcheckRunner;
import dev.jbuild.lint.shellcheck.ShellcheckScriptWriter;
import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Lints Dockerfiles: parses each one, runs every check over it, then applies the file's {@code # check=}
 * directive, inline ignores and the configuration's severity overrides. Files are linted in parallel;
 * shellcheck, when on, runs once over all of them at the end.
 */
public final class Linter {
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::line)
            .thenComparingInt(Finding::column).thenComparing(Finding::rule).thenComparing(Finding::message);

    private final LintConfig config;
    private final BaseImageEnv baseImageEnv;
    private final String pathVariable;

    /**
     * @param pathVariable the PATH shellcheck is looked for in (the CLI passes the process environment's)
     */
    public Linter(LintConfig config, String pathVariable) {
        this.config = config;
        this.baseImageEnv = new BaseImageEnv(config.baseImageEnv());
        this.pathVariable = pathVariable;
    }

    public Linter(LintConfig config) {
        this(config, System.getenv("PATH"));
    }

    /** One file, without shellcheck. */
    public FileReport lint(DockerfileSource source) {
        Analysis analysis = analyse(source, null, false, new ConcurrentLinkedQueue<>());
        return analysis.finish(List.of());
    }

    /** Many files; the report keeps their order. */
    public LintReport lint(List<DockerfileSource> sources) {
        return lint(sources, source -> null);
    }

    /**
     * One file already read into the graph a build plans from ({@code build --check}): the rules read that
     * graph, so the file is parsed once and lint and build agree on what it means.
     *
     * @param graph from {@link GraphBuilder#analyse} over {@code source}'s text, with the build's arguments
     *     and target
     */
    public LintReport lint(DockerfileSource source, InstructionGraph graph) {
        return lint(List.of(source), s -> graph);
    }

    /**
     * Many files, each with the graph its reader already made ({@link GraphBuilder#analyse}); a file
     * {@code graphs} has none for (null: it did not parse) is parsed here, so its syntax error is a finding.
     */
    public LintReport lint(List<DockerfileSource> sources, Function<DockerfileSource, InstructionGraph> graphs) {
        ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();
        List<String> hints = new ArrayList<>();
        Optional<ShellcheckRunner> shellcheck = shellcheck(hints);
        List<Analysis> analyses = sources.parallelStream()
                .map(s -> analyse(s, graphs.apply(s), shellcheck.isPresent(), notices)).toList();
        List<List<Finding>> extra = new ArrayList<>();
        analyses.forEach(a -> extra.add(List.of()));
        if (shellcheck.isPresent()) {
            List<ShellcheckInput> inputs = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            for (int i = 0; i < analyses.size(); i++) {
                if (analyses.get(i).shellcheckInput != null) {
                    inputs.add(analyses.get(i).shellcheckInput);
                    owners.add(i);
                }
            }
            List<List<Finding>> found = shellcheck.get().check(inputs);
            for (int i = 0; i < found.size(); i++) {
                extra.set(owners.get(i), found.get(i));
            }
        }
        List<FileReport> files = new ArrayList<>();
        for (int i = 0; i < analyses.size(); i++) {
            files.add(analyses.get(i).finish(extra.get(i)));
        }
        return new LintReport(files, List.copyOf(notices), hints);
    }

    private Optional<ShellcheckRunner> shellcheck(List<String> hints) {
        switch (config.shellcheck()) {
            case OFF -> {
                hints.add("shell analysis with shellcheck is off; turn it on with --shellcheck (it runs once over all RUN scripts)");
                return Optional.empty();
            }
            case AUTO -> {
                Optional<ShellcheckRunner> runner = ShellcheckRunner.locate(pathVariable);
                if (runner.isEmpty()) {
                    hints.add("shell analysis is off: shellcheck is not installed (not found on PATH)");
                }
                return runner;
            }
            default -> {
                return Optional.of(ShellcheckRunner.locate(pathVariable).orElseThrow(() -> new LintConfigException(
                        "shellcheck was asked for but is not installed (not found on PATH)")));
            }
        }
    }

    /** @param parsed the file's graph when the caller has it, else null (the file is parsed here) */
    private Analysis analyse(DockerfileSource source, InstructionGraph parsed, boolean withShellcheck,
            ConcurrentLinkedQueue<String> notices) {
        InstructionGraph graph;
        try {
            graph = parsed != null ? parsed
                    : GraphBuilder.analyse(SyntaxParser.parse(source.text(), source.name()), Map.of(), null);
        } catch (DockerfileSyntaxException e) {
            SourceRange range = e.range() != null ? e.range() : SourceRange.line(source.name(), 1, 1);
            Rule rule = JbuildRules.SYNTAX_ERROR;
            List<Finding> findings = config.runs(rule)
                    ? List.of(new Finding(rule.id(), rule.defaultSeverity(), rule.message(e.getMessage()), range, rule.url()))
                    : List.of();
            return new Analysis(source.name(), physicalLines(source.text()), findings, CheckDirective.NONE, Suppressions.none(), null);
        }
        SyntaxTree tree = graph.syntax();
        CheckDirective directive = tree.directive("check").map(CheckDirective::parse).orElse(CheckDirective.NONE);
        LintConfig fileConfig = directive.applyTo(config);
        LintUnit unit = new LintUnit(source, graph, fileConfig, baseImageEnv);
        FindingSink sink = new FindingSink(fileConfig);
        for (Check check : Checks.all()) {
            try {
                check.run(unit, sink);
            } catch (RuntimeException e) {
                // A bug in one check must not stop the others or the other files; it is said, not hidden.
                notices.add("internal error in " + check.getClass().getSimpleName() + " on " + source.name() + ": " + e);
            }
        }
        ShellcheckInput input = withShellcheck ? ShellcheckScriptWriter.write(unit).orElse(null) : null;
        return new Analysis(source.name(), tree.lines(), sink.findings(), directive, Suppressions.of(tree), input);
    }

    private static List<String> physicalLines(String text) {
        return List.of(text.replace("\r", "").split("\n", -1));
    }

    /** One file between checking and reporting: shellcheck findings may still join. */
    private final class Analysis {
        final String file;
        final List<String> lines;
        final List<Finding> findings;
        final CheckDirective directive;
        final Suppressions suppressions;
        final ShellcheckInput shellcheckInput;

        Analysis(String file, List<String> lines, List<Finding> findings, CheckDirective directive, Suppressions suppressions,
                ShellcheckInput shellcheckInput) {
            this.file = file;
            this.lines = lines;
            this.findings = findings;
            this.directive = directive;
            this.suppressions = suppressions;
            this.shellcheckInput = shellcheckInput;
        }

        FileReport finish(List<Finding> extra) {
            List<Finding> all = new ArrayList<>(findings);
            for (Finding f : extra) {
                if (!config.ignored().contains(f.rule()) && !config.ignored().contains(JbuildRules.SHELLCHECK_FINDING.id())
                        && !directive.skip().contains(f.rule())) {
                    all.add(f);
                }
            }
            List<Finding> kept = new ArrayList<>();
            for (Finding f : all) {
                if (suppressions.suppresses(f)) {
                    continue;
                }
                kept.add(withSeverity(f));
            }
            kept.sort(ORDER);
            return new FileReport(file, kept, lines);
        }

        private Finding withSeverity(Finding f) {
            Severity severity = f.severity();
            Optional<Rule> rule = RuleCatalog.governing(f.rule());
            if (directive.error() && rule.map(r -> r.origin() == RuleOrigin.BUILDKIT).orElse(false)) {
                severity = Severity.ERROR;
            }
            Severity override = config.severities().get(f.rule());
            for (int i = 0; override == null && i < f.aliases().size(); i++) {
                override = config.severities().get(f.aliases().get(i)); // either name of the mistake
            }
            if (override == null && RuleCatalog.isShellcheckCode(f.rule())) {
                override = config.severities().get(JbuildRules.SHELLCHECK_FINDING.id());
            }
            if (override != null) {
                severity = override;
            }
            return severity == f.severity() ? f : f.withSeverity(severity);
        }
    }
}
