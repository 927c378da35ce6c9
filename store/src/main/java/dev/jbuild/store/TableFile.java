package dev.jbuild.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.function.UnaryOperator;

/** Reads and atomically replaces {@code references.json}. */
final class TableFile {
    private final StoreLayout layout;
    private final StoreSession session;
    private final StoreLock lock;
    private final StoreOptions options;

    TableFile(StoreLayout layout, StoreSession session, StoreLock lock, StoreOptions options) {
        this.layout = layout;
        this.session = session;
        this.lock = lock;
        this.options = options;
    }

    /** The current table; no lock needed, the file is only ever replaced whole. A missing file is an empty store. */
    StoreTable read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(layout.referencesFile());
        } catch (NoSuchFileException e) {
            return StoreTable.empty();
        }
        try {
            return StoreTable.parse(bytes);
        } catch (StoreException | IllegalArgumentException e) {
            throw new StoreCorruptedException("the reference table " + layout.referencesFile() + " is unreadable: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Applies a change under the exclusive lock, so that concurrent updates never lose each other's
     * changes; the change may throw to abort. Writes only when something changed.
     */
    StoreTable update(UnaryOperator<StoreTable> change) throws IOException {
        try (StoreLock.Held held = lock.exclusive(options)) {
            StoreTable before = read();
            StoreTable after = change.apply(before);
            if (!after.equals(before)) {
                AtomicFiles.write(session.newPath("references"), layout.referencesFile(), after.toJson());
            }
            return after;
        }
    }

    /** Runs {@code action} while holding the exclusive lock (for changes that also delete files). */
    <T> T exclusively(IoSupplier<T> action) throws IOException {
        try (StoreLock.Held held = lock.exclusive(options)) {
            return action.get();
        }
    }

    /** Runs {@code action} while holding the shared lock. */
    <T> T sharedly(IoSupplier<T> action) throws IOException {
        try (StoreLock.Held held = lock.shared(options)) {
            return action.get();
        }
    }

    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }
}
