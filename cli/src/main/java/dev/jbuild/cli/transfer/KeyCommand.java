package dev.jbuild.cli.transfer;

import dev.jbuild.cli.spec.Commands;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild key}: signing keys for sealed appliances; bare, it prints its usage. */
public final class KeyCommand {
    private KeyCommand() {}

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("key", "Manage signing keys.");
        spec.addSubcommand("generate", KeyGenerateCommand.spec());
        return spec;
    }
}
