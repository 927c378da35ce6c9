package dev.jbuild.cli.cache;

import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.executor.CacheMountInfo;
import dev.jbuild.executor.CacheMountTransfer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code jbuild cache export DIR|FILE [--id ID]...}. */
public final class CacheExportCommand extends CacheMountsCommand {
    static final OptionSpec<String> ID = OptionSpec.list("--id").withLabel("ID")
            .withDescription("Only the cache with this id (repeatable; default: every cache).");
    static final PositionalSpec TARGET = PositionalSpec.required("DIR|FILE")
            .withDescription("A directory (existing, or ending in '/') or a tar file to write.");

    public static final CommandSpec SPEC = CommandSpec.of("export",
                    "Write cache mount directories, with their ids, sharing modes and owners, to a directory or tar.")
            .withOptions(ID)
            .withPositionals(TARGET);

    private final List<String> ids;
    private final String target;

    public CacheExportCommand(ParsedArgs args) {
        this.ids = args.values(ID);
        this.target = args.positional(TARGET);
    }

    @Override
    protected List<CacheMountInfo> move(CacheMountTransfer transfer) throws IOException, InterruptedException {
        return transfer.export(Path.of(target), ids);
    }

    @Override
    protected String verb() {
        return "Exported";
    }
}
