package dev.jbuild.cli.transfer;

import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.SubcommandTable;

/** {@code jbuild key}: signing keys for sealed appliances; bare, it prints its usage. */
public final class KeyCommand {
    public static final CommandSpec SPEC = CommandSpec.of("key", "Manage signing keys.")
            .withSubcommands(SubcommandTable.of(KeyGenerateCommand.SPEC));

    private KeyCommand() {}
}
