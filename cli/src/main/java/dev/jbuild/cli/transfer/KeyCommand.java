package dev.jbuild.cli.transfer;

import dev.jbuild.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code jbuild key}: signing keys for sealed appliances. */
@Command(name = "key", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Manage signing keys.",
        subcommands = {KeyGenerateCommand.class})
public final class KeyCommand extends CommandGroup {
}
