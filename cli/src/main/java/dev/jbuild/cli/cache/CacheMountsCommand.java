package dev.jbuild.cli.cache;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.executor.CacheMountInfo;
import dev.jbuild.executor.CacheMountTransfer;
import dev.jbuild.executor.ExecutorLayout;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.List;

/** What export and import share: the store's cache directory, one line per cache moved. */
abstract class CacheMountsCommand extends StoreCommand {

    /** Moves the caches; returns those moved. */
    protected abstract List<CacheMountInfo> move(CacheMountTransfer transfer) throws IOException, InterruptedException;

    /** {@code Exported} or {@code Imported}. */
    protected abstract String verb();

    @Override
    protected final int run(ImageStore store, Context context) throws IOException {
        CacheMountTransfer transfer = new CacheMountTransfer(
                new ExecutorLayout(store.layout().executorDir()).caches());
        List<CacheMountInfo> moved;
        try {
            moved = move(transfer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", e);
        }
        for (CacheMountInfo info : moved) {
            context.out().println(verb() + " cache " + info.id() + " (sharing="
                    + info.sharing().name().toLowerCase(java.util.Locale.ROOT) + ", uid=" + info.uid() + ", gid="
                    + info.gid() + ", mode=" + Integer.toOctalString(info.mode()) + ")");
        }
        return ExitCode.OK;
    }
}
