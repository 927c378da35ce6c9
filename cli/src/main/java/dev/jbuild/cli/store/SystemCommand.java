package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.JbuildCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jbuild system}: commands about the store as a whole. */
@Command(name = "system", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Manage the image store.",
        subcommands = {SystemCheckCommand.class})
public final class SystemCommand implements Callable<Integer> {

    @ParentCommand
    JbuildCommand parent;

    @Spec
    CommandSpec spec;

    Context context() {
        return parent.context();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context().out());
        return ExitCode.USAGE;
    }
}
