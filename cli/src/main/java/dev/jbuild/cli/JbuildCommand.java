package dev.jbuild.cli;

import dev.jbuild.cli.executor.InfoCommand;
import dev.jbuild.cli.lint.LintCommand;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jbuild [GLOBAL OPTIONS] COMMAND}; with no command, the words mean {@code build}. */
@Command(
        name = "jbuild",
        addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Build container images from Dockerfiles with no daemon.",
                "With no COMMAND, 'jbuild [BUILD OPTIONS] CONTEXT' runs 'jbuild build'."},
        synopsisSubcommandLabel = "[COMMAND]")
public final class JbuildCommand implements Callable<Integer>, ContextSource {
    /**
     * Every command by name, in help order. They are added to the command line by {@link #addCommands} rather
     * than through {@code @Command(subcommands)}, because picocli models each one by reflection as it is
     * added: a run models only the command it runs, which saves about half of picocli's start-up.
     */
    private static final List<Map.Entry<String, Class<?>>> COMMANDS = List.of(
            Map.entry("build", BuildCommand.class),
            Map.entry("parse", ParseCommand.class),
            Map.entry("lint", LintCommand.class),
            Map.entry("images", ImagesCommand.class),
            Map.entry("inspect", InspectCommand.class),
            Map.entry("history", HistoryCommand.class),
            Map.entry("tag", TagCommand.class),
            Map.entry("rmi", RmiCommand.class),
            Map.entry("import", ImportCommand.class),
            Map.entry("export", ExportCommand.class),
            Map.entry("system", SystemCommand.class),
            Map.entry("prune", PruneCommand.class),
            Map.entry("info", InfoCommand.class),
            Map.entry("save", SaveCommand.class),
            Map.entry("load", LoadCommand.class),
            Map.entry("verify", VerifyCommand.class),
            Map.entry("key", KeyCommand.class),
            Map.entry("help", CommandLine.HelpCommand.class));
    private static final Set<String> NAMES = COMMANDS.stream().map(Map.Entry::getKey).collect(Collectors.toSet());

    private final Context context;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    JbuildCommand(Context context) {
        this.context = context;
        this.global = context.global(); // one instance, so commands see what was parsed
    }

    @Override
    public Context context() {
        return context;
    }

    /** The names of all commands. */
    static Set<String> commandNames() {
        return NAMES;
    }

    /**
     * Adds the command named {@code word} alone when it is one that runs on its own, else every command
     * ({@code help}, top-level help and errors list or describe all of them).
     */
    static void addCommands(CommandLine commandLine, String word) {
        boolean runsAlone = NAMES.contains(word) && !word.equals("help");
        boolean showsVersion = "-V".equals(word) || "--version".equals(word);
        for (Map.Entry<String, Class<?>> command : COMMANDS) {
            if (!showsVersion && (!runsAlone || command.getKey().equals(word))) {
                commandLine.addSubcommand(command.getKey(), command.getValue());
            }
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return ExitCode.OK;
    }
}
