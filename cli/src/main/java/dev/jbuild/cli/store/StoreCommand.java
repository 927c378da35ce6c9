package dev.jbuild.cli.store;

import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreOptions;
import java.io.IOException;

/**
 * What every store command does around its own work: open the store at {@code --root} (telling the
 * user on stderr when another process holds its lock for long), run, close. A store failure goes on
 * to {@link dev.jbuild.cli.Failures}, which says it.
 */
public abstract class StoreCommand implements CliCommand {

    /** The command's work; returns the exit code. */
    protected abstract int run(ImageStore store, Context context) throws IOException;

    @Override
    public final int call(Context context) throws IOException {
        try (ImageStore store = openStore(context)) {
            return run(store, context);
        }
    }

    /** The store at {@code --root}, as every store command opens it (for a command that opens it itself). */
    public static ImageStore openStore(Context context) throws IOException {
        StoreOptions options = StoreOptions.defaults()
                .withLockWaitNotice(message -> context.err().println("jbuild: " + message));
        return ImageStore.open(context.global().storeRoot(context.env()), options);
    }
}
