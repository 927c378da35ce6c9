package dev.jbuild.cli;

import dev.jbuild.cli.executor.InfoCommand;
import dev.jbuild.cli.analysis.AnalyzeCommand;
import dev.jbuild.cli.analysis.DiffCommand;
import dev.jbuild.cli.analysis.SbomCommand;
import dev.jbuild.cli.cache.CacheCommand;
import dev.jbuild.cli.cache.CacheExportCommand;
import dev.jbuild.cli.cache.CacheImportCommand;
import dev.jbuild.cli.lint.LintCommand;
import dev.jbuild.cli.registry.LoginCommand;
import dev.jbuild.cli.registry.LogoutCommand;
import dev.jbuild.cli.registry.PullCommand;
import dev.jbuild.cli.registry.PushCommand;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.store.ExportCommand;
import dev.jbuild.cli.store.HistoryCommand;
import dev.jbuild.cli.store.ImagesCommand;
import dev.jbuild.cli.store.ImportCommand;
import dev.jbuild.cli.store.InspectCommand;
import dev.jbuild.cli.store.PruneCommand;
import dev.jbuild.cli.store.RmiCommand;
import dev.jbuild.cli.store.SystemCommand;
import dev.jbuild.cli.store.TagCommand;
import dev.jbuild.cli.transfer.KeyCommand;
import dev.jbuild.cli.transfer.LoadCommand;
import dev.jbuild.cli.transfer.SaveCommand;
import dev.jbuild.cli.transfer.VerifyCommand;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild [GLOBAL OPTIONS] COMMAND}: the root of the command tree and its table of commands, the
 * one place a command is added (its name in {@link #NAMES}, its model in {@link #spec}, and the object
 * that runs it in {@link #create}; see docs/cli.md). With no command word, the words mean {@code build}
 * ({@code jbuild -f Dockerfile.test .}): {@link CommandWord} decides.
 *
 * <p>A run models only the command it names ({@link #tree}); help and completion model them all
 * ({@link #fullTree}). Commands are found through switches, not a list of objects, so a run loads only
 * the classes of the command it runs.
 */
final class JbuildCommand {
    /** Every command, in help order. */
    static final List<String> NAMES = List.of("build", "parse", "lint", "images", "inspect", "history", "tag",
            "rmi", "import", "export", "diff", "analyze", "sbom", "system", "cache", "prune", "info", "save", "load",
            "verify", "key", "pull", "push", "login", "logout", "completion", "help");

    private JbuildCommand() {}

    /** The root command with the global options and no subcommand: enough for {@code jbuild --version}. */
    static CommandSpec root() {
        CommandSpec root = Commands.command("jbuild",
                "Build container images from Dockerfiles with no daemon.",
                "With no COMMAND, 'jbuild [BUILD OPTIONS] CONTEXT' runs 'jbuild build'.");
        GlobalOptions.addTo(root);
        return root;
    }

    /** The root with the one command a line names (and the commands under it). */
    static CommandSpec tree(String name) {
        CommandSpec root = root();
        root.addSubcommand(name, spec(name));
        return root;
    }

    /** The root with every command: for help, completion scripts and man pages. */
    static CommandSpec fullTree() {
        CommandSpec root = root();
        for (String name : NAMES) {
            root.addSubcommand(name, spec(name));
        }
        return root;
    }

    /** The model of a top-level command. */
    static CommandSpec spec(String name) {
        return switch (name) {
            case "build" -> BuildCommand.spec();
            case "parse" -> ParseCommand.spec();
            case "lint" -> LintCommand.spec();
            case "images" -> ImagesCommand.spec();
            case "inspect" -> InspectCommand.spec();
            case "history" -> HistoryCommand.spec();
            case "tag" -> TagCommand.spec();
            case "rmi" -> RmiCommand.spec();
            case "import" -> ImportCommand.spec();
            case "export" -> ExportCommand.spec();
            case "diff" -> DiffCommand.spec();
            case "analyze" -> AnalyzeCommand.spec();
            case "sbom" -> SbomCommand.spec();
            case "system" -> SystemCommand.spec();
            case "cache" -> CacheCommand.spec();
            case "prune" -> PruneCommand.spec();
            case "info" -> InfoCommand.spec();
            case "save" -> SaveCommand.spec();
            case "load" -> LoadCommand.spec();
            case "verify" -> VerifyCommand.spec();
            case "key" -> KeyCommand.spec();
            case "pull" -> PullCommand.spec();
            case "push" -> PushCommand.spec();
            case "login" -> LoginCommand.spec();
            case "logout" -> LogoutCommand.spec();
            case "completion" -> CompletionCommand.spec();
            case "help" -> HelpCommand.spec();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /**
     * The command the parsed line selects ({@code "system check"}: the words after {@code jbuild}), with
     * its values read; null when it selects a command that only groups others ({@code jbuild system}).
     */
    static CliCommand create(String path, ParsedArgs args) {
        return switch (path) {
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
            case "diff" -> new DiffCommand(args);
            case "analyze" -> new AnalyzeCommand(args);
            case "sbom" -> new SbomCommand(args);
            case "system check" -> new dev.jbuild.cli.store.SystemCheckCommand(args);
            case "cache export" -> new CacheExportCommand(args);
            case "cache import" -> new CacheImportCommand(args);
            case "prune" -> new PruneCommand(args);
            case "info" -> new InfoCommand(args);
            case "save" -> new SaveCommand(args);
            case "load" -> new LoadCommand(args);
            case "verify" -> new VerifyCommand(args);
            case "key generate" -> new dev.jbuild.cli.transfer.KeyGenerateCommand(args);
            case "pull" -> new PullCommand(args);
            case "push" -> new PushCommand(args);
            case "login" -> new LoginCommand(args);
            case "logout" -> new LogoutCommand(args);
            case "completion" -> new CompletionCommand(args);
            case "help" -> new HelpCommand(args);
            default -> null;
        };
    }
}
