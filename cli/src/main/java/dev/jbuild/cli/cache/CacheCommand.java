package dev.jbuild.cli.cache;

import dev.jbuild.cli.spec.Commands;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild cache}: the {@code RUN --mount=type=cache} directories; bare, it prints its usage. */
public final class CacheCommand {
    private CacheCommand() {}

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("cache",
                "Move RUN --mount=type=cache directories out of the store and back (for ephemeral CI runners).");
        spec.addSubcommand("export", CacheExportCommand.spec());
        spec.addSubcommand("import", CacheImportCommand.spec());
        return spec;
    }
}
