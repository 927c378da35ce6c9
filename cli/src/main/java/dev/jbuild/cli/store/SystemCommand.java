package dev.jbuild.cli.store;

import dev.jbuild.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code jbuild system}: commands about the store as a whole. */
@Command(name = "system", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Manage the image store.",
        subcommands = {SystemCheckCommand.class})
public final class SystemCommand extends CommandGroup {
}
