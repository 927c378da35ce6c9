package dev.jbuild.cli.store;

import dev.jbuild.cli.spec.Commands;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild system}: commands about the store as a whole; bare, it prints its usage. */
public final class SystemCommand {
    private SystemCommand() {}

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("system", "Manage the image store.");
        spec.addSubcommand("check", SystemCheckCommand.spec());
        return spec;
    }
}
