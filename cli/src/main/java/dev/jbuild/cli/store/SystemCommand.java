package dev.jbuild.cli.store;

import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.SubcommandTable;

/** {@code jbuild system}: commands about the store as a whole; bare, it prints its usage. */
public final class SystemCommand {
    public static final CommandSpec SPEC = CommandSpec.of("system", "Manage the image store.")
            .withSubcommands(SubcommandTable.of(SystemCheckCommand.SPEC));

    private SystemCommand() {}
}
