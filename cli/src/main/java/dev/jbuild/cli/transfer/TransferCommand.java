package dev.jbuild.cli.transfer;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.UserError;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.StoreOptions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

/**
 * What save, load and verify do around their work, like the store commands: open the store at
 * {@code --root} (saying on stderr when another process holds its lock for long), run, close, and
 * turn store, archive and key failures into the one line the CLI prints. (The store commands' base
 * class is package-private to their package, hence this twin.)
 */
abstract class TransferCommand implements Callable<Integer> {

    /** The CLI context, reached through the command's parent. */
    protected abstract Context context();

    /** The command's work; returns the exit code. */
    protected abstract int run(ImageStore store, Context context) throws IOException;

    @Override
    public final Integer call() throws IOException {
        Context context = context();
        StoreOptions options = StoreOptions.defaults()
                .withLockWaitNotice(message -> context.err().println("jbuild: " + message));
        try (ImageStore store = ImageStore.open(context.global().storeRoot(context.env()), options)) {
            return run(store, context);
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new UserError("open " + e.getFile() + ": no such file or directory", e);
        }
    }
}
