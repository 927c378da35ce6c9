package dev.jbuild.cli.cache;

import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.SubcommandTable;

/** {@code jbuild cache}: the {@code RUN --mount=type=cache} directories; bare, it prints its usage. */
public final class CacheCommand {
    public static final CommandSpec SPEC = CommandSpec.of("cache",
                    "Move RUN --mount=type=cache directories out of the store and back (for ephemeral CI runners).")
            .withSubcommands(SubcommandTable.of(CacheExportCommand.SPEC, CacheImportCommand.SPEC));

    private CacheCommand() {}
}
