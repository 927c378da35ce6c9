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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jbuild [GLOBAL OPTIONS] COMMAND}; with no command, the words mean {@code build}. */
@Command(
        name = "jbuild",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Build container images from Dockerfiles with no daemon.",
                "With no COMMAND, 'jbuild [BUILD OPTIONS] CONTEXT' runs 'jbuild build'."},
        synopsisSubcommandLabel = "[COMMAND]",
        subcommands = {
                BuildCommand.class,
                ParseCommand.class,
                LintCommand.class,
                ImagesCommand.class,
                InspectCommand.class,
                HistoryCommand.class,
                TagCommand.class,
                RmiCommand.class,
                ImportCommand.class,
                ExportCommand.class,
                SystemCommand.class,
                PruneCommand.class,
                InfoCommand.class,
                dev.jbuild.cli.transfer.SaveCommand.class,
                dev.jbuild.cli.transfer.LoadCommand.class,
                dev.jbuild.cli.transfer.VerifyCommand.class,
                dev.jbuild.cli.transfer.KeyCommand.class,
                CommandLine.HelpCommand.class})
public final class JbuildCommand implements Callable<Integer> {
    private final Context context;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    JbuildCommand(Context context) {
        this.context = context;
        this.global = context.global(); // one instance, so commands see what was parsed
    }

    public Context context() {
        return context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return ExitCode.OK;
    }
}
