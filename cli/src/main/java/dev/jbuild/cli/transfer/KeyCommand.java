package dev.jbuild.cli.transfer;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.JbuildCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jbuild key}: signing keys for sealed appliances. */
@Command(name = "key", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Manage signing keys.",
        subcommands = {KeyGenerateCommand.class})
public final class KeyCommand implements Callable<Integer> {

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
