package dev.jbuild.cli.lint;

import dev.jbuild.builder.frontend.ContextSource;
import dev.jbuild.builder.frontend.Frontend;
import dev.jbuild.builder.frontend.FrontendRequest;
import dev.jbuild.builder.frontend.FrontendResult;
import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UsageException;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.lint.FailureThreshold;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.lint.LintConfigException;
import dev.jbuild.lint.LintReport;
import dev.jbuild.lint.Linter;
import dev.jbuild.lint.RuleCatalog;
import dev.jbuild.lint.ShellcheckMode;
import dev.jbuild.lint.config.LintConfigLoader;
import dev.jbuild.lint.format.OutputFormat;
import dev.jbuild.parser.graph.InstructionGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild lint}: checks Dockerfiles without building them. Exit code 1 when a finding is at or above the
 * failure threshold, 2 when the command line or the configuration is wrong, 0 otherwise.
 */
public final class LintCommand implements CliCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("lint",
                "Check Dockerfiles before building: BuildKit's build checks, hadolint's DL rules and jbuild's own.",
                "PATH may be a Dockerfile or a directory searched for Dockerfile, Containerfile, *.Dockerfile and Dockerfile.*.",
                "Rules, configuration and formats: docs/lint/README.md.");
        Commands.options(spec,
                Args.files("FILE", "-f", "--file").description("A Dockerfile to lint, any name, or '-' for stdin; repeatable."),
                Args.value("FORMAT", "--format").defaultValue("text")
                        .completionCandidates(List.of("text", "json", "sarif", "checkstyle", "gitlab", "github"))
                        .description("Output: text, json, sarif, checkstyle, gitlab or github (default: text)."),
                Args.value("LEVEL", "--failure-threshold").completionCandidates(List.of("error", "warning", "info", "none"))
                        .description("Exit 1 when a finding is at least this severe: error, warning, info or none "
                                + "(default: error, or the configuration's)."),
                Args.list("RULE", "--ignore")
                        .description("Do not report this rule (a rule id or a shellcheck code); repeatable."),
                Args.value(Path.class, Converters.PATH, "FILE", "--config")
                        .description("Configuration file (default: .jbuild-lint.yaml in the working directory, if any)."),
                Args.value(Path.class, Converters.PATH, "DIR", "--context")
                        .description("Build context whose .dockerignore applies (default: each Dockerfile's directory)."),
                Args.optionalValue("on", "MODE", "--shellcheck")
                        .description("Run shellcheck over RUN scripts: on (the default when given without a value), auto "
                                + "or off."),
                Args.flag("--all-aliases").description("Report a mistake that BuildKit's check and hadolint's rule both "
                        + "find under both names (default: once, under BuildKit's name, with hadolint's as its alias)."),
                Args.flag("--no-color").description("Never colour the text output (also when NO_COLOR is set)."));
        spec.addPositional(Args.files(Args.zeroOrMore(0, "PATH"))
                .description("Dockerfiles or directories to search (default: . when no -f is given).").build());
        return spec;
    }

    private final List<String> files;
    private final List<Path> paths = new ArrayList<>();
    private final String format;
    private final String failureThreshold;
    private final List<String> ignore;
    private final Path config;
    private final Path contextDir;
    private final String shellcheck;
    private final boolean noColor;
    private final boolean allAliases;

    public LintCommand(ParsedArgs args) {
        this.files = args.values("--file");
        for (String path : args.positionals(0)) {
            paths.add(Path.of(path));
        }
        this.format = args.value("--format");
        this.failureThreshold = args.value("--failure-threshold");
        this.ignore = args.values("--ignore");
        this.config = args.value("--config");
        this.contextDir = args.value("--context");
        this.shellcheck = args.value("--shellcheck");
        this.noColor = args.flag("--no-color");
        this.allAliases = args.flag("--all-aliases");
    }

    @Override
    public int call(Context context) {
        OutputFormat output = parse(() -> OutputFormat.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT)),
                "unknown format '" + format + "': expected text, json, sarif, checkstyle, gitlab or github");
        LintConfig lintConfig = configuration(context);
        // Read and parsed in parallel, as the rules then run: a directory of Dockerfiles is the common case.
        List<FrontendResult> fronts = requests(context).parallelStream().map(Frontend::read).toList();
        List<DockerfileSource> sources = new ArrayList<>();
        Map<DockerfileSource, InstructionGraph> graphs = new IdentityHashMap<>();
        for (FrontendResult front : fronts) {
            front.ignoreProblem().ifPresent(problem -> context.err().println("jbuild lint: " + problem.getMessage()
                    + " (the file is not used: CopyIgnoredFile is off for " + front.dockerfileName() + ")"));
            DockerfileSource source = new DockerfileSource(front.dockerfileName(), front.text(),
                    front.ignoreProblem().isPresent() ? null : front.ignore());
            sources.add(source);
            graphs.put(source, front.syntaxError().isPresent() ? null : front.graph());
        }
        LintReport report;
        try {
            report = new Linter(lintConfig, context.env().get("PATH")).lint(sources, graphs::get);
        } catch (LintConfigException e) {
            throw usage(e.getMessage());
        }
        boolean color = output == OutputFormat.TEXT && !noColor && !context.env().containsKey("NO_COLOR")
                && context.out() == System.out && System.console() != null;
        context.out().print(output.formatter(color).format(report));
        context.out().flush();
        for (String notice : report.notices()) {
            context.err().println("jbuild lint: " + notice);
        }
        if (output == OutputFormat.TEXT) {
            for (String hint : report.hints()) {
                context.err().println("jbuild lint: " + hint);
            }
        }
        FailureThreshold threshold = failureThreshold != null
                ? parse(() -> FailureThreshold.parse(failureThreshold), "unknown failure threshold '" + failureThreshold + "': expected error, warning, info or none")
                : Optional.ofNullable(lintConfig.failureThreshold()).orElse(FailureThreshold.ERROR);
        return report.failsAt(threshold.severity()) ? ExitCode.FAILED : ExitCode.OK;
    }

    private LintConfig configuration(Context context) {
        LintConfig loaded;
        try {
            if (config != null) {
                if (!Files.isRegularFile(config)) {
                    throw usage("configuration file " + config + " not found");
                }
                loaded = LintConfigLoader.load(config);
            } else {
                loaded = LintConfigLoader.find(Path.of("")).map(LintConfigLoader::load).orElse(LintConfig.defaults());
            }
        } catch (LintConfigException e) {
            throw usage(e.getMessage());
        }
        Set<String> ignored = new LinkedHashSet<>();
        for (String rule : ignore) {
            for (String id : rule.split(",")) {
                String trimmed = id.trim();
                if (!RuleCatalog.isKnown(trimmed)) {
                    throw usage("unknown rule '" + trimmed + "' in --ignore");
                }
                ignored.add(trimmed);
            }
        }
        LintConfig result = loaded.withIgnored(ignored);
        if (allAliases) {
            result = result.withAllAliases(true);
        }
        if (shellcheck != null) {
            result = result.withShellcheck(parse(() -> ShellcheckMode.parse(shellcheck), "unknown shellcheck mode '" + shellcheck + "': expected on, auto or off"));
        }
        return result;
    }

    /** What the front half reads: each Dockerfile named, with the context its {@code .dockerignore} comes from. */
    private List<FrontendRequest> requests(Context context) {
        List<FrontendRequest> requests = new ArrayList<>();
        for (String file : files) {
            if (file.equals("-")) {
                requests.add(FrontendRequest.dockerfile("-", new ContextSource.None(null), context.stdin()));
            } else {
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    throw usage("Dockerfile " + file + " not found");
                }
                requests.add(request(path, file));
            }
        }
        List<Path> searched = paths.isEmpty() && files.isEmpty() ? List.of(Path.of(".")) : paths;
        for (Path path : searched) {
            if (Files.isDirectory(path)) {
                List<Path> found = DockerfileFinder.find(path);
                for (Path p : found) {
                    requests.add(request(p, display(p)));
                }
                if (found.isEmpty() && !paths.isEmpty()) {
                    throw usage("no Dockerfile found in " + path);
                }
            } else if (Files.isRegularFile(path)) {
                requests.add(request(path, path.toString()));
            } else {
                throw usage("path " + path + " not found");
            }
        }
        if (requests.isEmpty()) {
            throw usage("no Dockerfile to lint: give -f FILE or a PATH");
        }
        return requests;
    }

    private static String display(Path p) {
        String s = p.toString();
        return s.startsWith("./") ? s.substring(2) : s;
    }

    /** {@code name} names the file relative to the working directory, as findings show it. */
    private FrontendRequest request(Path path, String name) {
        Path context = contextDir != null ? contextDir : Optional.ofNullable(path.toAbsolutePath().getParent()).orElse(Path.of("/"));
        return FrontendRequest.dockerfile(name, new ContextSource.None(context), null);
    }

    private <T> T parse(java.util.function.Supplier<T> parse, String message) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw usage(message);
        }
    }

    /** A wrong command line or configuration: printed with a hint to --help, exit code 2. */
    private static UsageException usage(String message) {
        return new UsageException(message);
    }
}
