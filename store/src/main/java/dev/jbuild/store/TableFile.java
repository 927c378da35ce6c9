package dev.jbuild.store;

import dev.jbuild.imagespec.ImageSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Reads and atomically replaces {@code references.json}. */
final class TableFile {
    private final StoreLayout layout;
    private final StoreSession session;
    private final StoreLock lock;
    private final StoreOptions options;
    /** The last table read, with the bytes it was parsed from (see {@link #read}). */
    private Parsed last;

    private record Parsed(byte[] bytes, StoreTable table) {
    }

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
        // A build looks up several base images at once: reading the file each time keeps every lookup
        // current, and parsing only when its bytes changed keeps the lookups cheap.
        Parsed previous;
        synchronized (this) {
            previous = last;
        }
        if (previous != null && Arrays.equals(previous.bytes(), bytes)) {
            return previous.table();
        }
        try {
            StoreTable table = StoreTable.parse(bytes);
            synchronized (this) {
                last = new Parsed(bytes, table);
            }
            return table;
        } catch (StoreException | ImageSpecException | IllegalArgumentException e) {
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
