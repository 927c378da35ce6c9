package dev.jbuild.cli.cache;

import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.executor.CacheMountInfo;
import dev.jbuild.executor.CacheMountTransfer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild cache import DIR|FILE}. */
public final class CacheImportCommand extends CacheMountsCommand {
    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("import",
                "Restore cache mount directories from a 'cache export', replacing caches of the same id.");
        spec.addPositional(Args.files(Args.required(0, "DIR|FILE")).description("What 'jbuild cache export' wrote.").build());
        return spec;
    }

    private final String source;

    public CacheImportCommand(ParsedArgs args) {
        this.source = args.positional(0);
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
