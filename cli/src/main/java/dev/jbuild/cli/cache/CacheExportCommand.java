package dev.jbuild.cli.cache;

import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.executor.CacheMountInfo;
import dev.jbuild.executor.CacheMountTransfer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild cache export DIR|FILE [--id ID]...}. */
public final class CacheExportCommand extends CacheMountsCommand {
    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("export",
                "Write cache mount directories, with their ids, sharing modes and owners, to a directory or tar.");
        Commands.options(spec,
                Args.list("ID", "--id").description("Only the cache with this id (repeatable; default: every cache)."));
        spec.addPositional(Args.files(Args.required(0, "DIR|FILE"))
                .description("A directory (existing, or ending in '/') or a tar file to write.").build());
        return spec;
    }

    private final List<String> ids;
    private final String target;

    public CacheExportCommand(ParsedArgs args) {
        this.ids = args.values("--id");
        this.target = args.positional(0);
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
