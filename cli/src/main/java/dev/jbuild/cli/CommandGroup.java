package dev.jbuild.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code jbuild system}, {@code jbuild key}): run bare, it prints its usage. */
public abstract class CommandGroup implements Callable<Integer>, ContextSource {

    @ParentCommand
    JbuildCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Context context() {
        return parent.context();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context().out());
        return ExitCode.USAGE;
    }
}
