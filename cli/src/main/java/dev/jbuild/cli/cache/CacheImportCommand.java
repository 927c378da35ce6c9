package dev.jbuild.cli.cache;

import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.executor.CacheMountInfo;
import dev.jbuild.executor.CacheMountTransfer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code jbuild cache import DIR|FILE}. */
public final class CacheImportCommand extends CacheMountsCommand {
    static final PositionalSpec SOURCE = PositionalSpec.required("DIR|FILE")
            .withDescription("What 'jbuild cache export' wrote.");

    public static final CommandSpec SPEC = CommandSpec.of("import",
                    "Restore cache mount directories from a 'cache export', replacing caches of the same id.")
            .withPositionals(SOURCE);

    private final String source;

    public CacheImportCommand(ParsedArgs args) {
        this.source = args.positional(SOURCE);
    }

    @Override
    protected List<CacheMountInfo> move(CacheMountTransfer transfer) throws IOException, InterruptedException {
        Path path = Path.of(source);
        if (!Files.exists(path)) {
            throw new UserError("open " + source + ": no such file or directory");
        }
        return transfer.importFrom(path);
    }

    @Override
    protected String verb() {
        return "Imported";
    }
}
