package dev.jbuild.cli;

import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.SubcommandTable;
import dev.jbuild.cli.executor.InfoCommand;
import dev.jbuild.cli.lint.LintCommand;
import dev.jbuild.cli.store.ExportCommand;
import dev.jbuild.cli.store.HistoryCommand;
import dev.jbuild.cli.store.ImagesCommand;
import dev.jbuild.cli.store.ImportCommand;
import dev.jbuild.cli.store.InspectCommand;
import dev.jbuild.cli.store.PruneCommand;
import dev.jbuild.cli.store.RmiCommand;
import dev.jbuild.cli.store.SystemCheckCommand;
import dev.jbuild.cli.store.SystemCommand;
import dev.jbuild.cli.store.TagCommand;
import dev.jbuild.cli.transfer.KeyCommand;
import dev.jbuild.cli.transfer.KeyGenerateCommand;
import dev.jbuild.cli.transfer.LoadCommand;
import dev.jbuild.cli.transfer.SaveCommand;
import dev.jbuild.cli.transfer.VerifyCommand;
import java.util.List;

/**
 * {@code jbuild [GLOBAL OPTIONS] COMMAND}: the root of the command tree and its table of commands. With
 * no command word, the words mean {@code build} ({@code jbuild -f Dockerfile.test .}).
 *
 * <p>Commands are found by name through switches rather than a list of specs, so a run loads only the
 * classes of the command it runs; help listings ask for all of them.
 */
final class JbuildCommand implements SubcommandTable {
    /** Every command, in help order. */
    private static final List<String> NAMES = List.of("build", "parse", "lint", "images", "inspect", "history", "tag",
            "rmi", "import", "export", "diff", "analyze", "sbom", "system", "cache", "prune", "info", "save", "load", "verify", "key", "help");

    static final CommandSpec SPEC = CommandSpec.of("jbuild",
                    "Build container images from Dockerfiles with no daemon.",
                    "With no COMMAND, 'jbuild [BUILD OPTIONS] CONTEXT' runs 'jbuild build'.")
            .withOptions(GlobalOptions.OPTIONS)
            .withSubcommands(new JbuildCommand())
            .withDefaultSubcommand("build");

    private JbuildCommand() {}

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public CommandSpec find(String name) {
        return switch (name) {
            case "build" -> BuildCommand.SPEC;
            case "parse" -> ParseCommand.SPEC;
            case "lint" -> LintCommand.SPEC;
            case "images" -> ImagesCommand.SPEC;
            case "inspect" -> InspectCommand.SPEC;
            case "history" -> HistoryCommand.SPEC;
            case "tag" -> TagCommand.SPEC;
            case "rmi" -> RmiCommand.SPEC;
            case "import" -> ImportCommand.SPEC;
            case "export" -> ExportCommand.SPEC;
            case "diff" -> dev.jbuild.cli.analysis.DiffCommand.SPEC;
            case "analyze" -> dev.jbuild.cli.analysis.AnalyzeCommand.SPEC;
            case "sbom" -> dev.jbuild.cli.analysis.SbomCommand.SPEC;
            case "system" -> SystemCommand.SPEC;
            case "cache" -> dev.jbuild.cli.cache.CacheCommand.SPEC;
            case "prune" -> PruneCommand.SPEC;
            case "info" -> InfoCommand.SPEC;
            case "save" -> SaveCommand.SPEC;
            case "load" -> LoadCommand.SPEC;
            case "verify" -> VerifyCommand.SPEC;
            case "key" -> KeyCommand.SPEC;
            case "help" -> HelpCommand.SPEC;
            default -> null;
        };
    }

    /**
     * The command the parsed line selects, with its values read; null when it selects a command that
     * only groups others ({@code jbuild}, {@code jbuild system}).
     */
    static CliCommand create(ParsedArgs args) {
        List<String> names = args.commandNames();
        return switch (String.join(" ", names.subList(1, names.size()))) {
            case "build" -> new BuildCommand(args);
            case "parse" -> new ParseCommand(args);
            case "lint" -> new LintCommand(args);
            case "images" -> new ImagesCommand(args);
            case "inspect" -> new InspectCommand(args);
            case "history" -> new HistoryCommand(args);
            case "tag" -> new TagCommand(args);
            case "rmi" -> new RmiCommand(args);
            case "import" -> new ImportCommand(args);
            case "export" -> new ExportCommand(args);
            case "diff" -> new dev.jbuild.cli.analysis.DiffCommand(args);
            case "analyze" -> new dev.jbuild.cli.analysis.AnalyzeCommand(args);
            case "sbom" -> new dev.jbuild.cli.analysis.SbomCommand(args);
            case "system check" -> new SystemCheckCommand(args);
            case "cache export" -> new dev.jbuild.cli.cache.CacheExportCommand(args);
            case "cache import" -> new dev.jbuild.cli.cache.CacheImportCommand(args);
            case "prune" -> new PruneCommand(args);
            case "info" -> new InfoCommand(args);
            case "save" -> new SaveCommand(args);
            case "load" -> new LoadCommand(args);
            case "verify" -> new VerifyCommand(args);
            case "key generate" -> new KeyGenerateCommand(args);
            case "help" -> new HelpCommand(args);
            default -> null;
        };
    }
}
