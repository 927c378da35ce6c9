package dev.jbuild.store;

/** Store bookkeeping (the reference table, a snapshot record, a compression mapping) that cannot be read. */
public final class StoreCorruptedException extends StoreException {
    public StoreCorruptedException(String message) {
        super(message);
    }

    public StoreCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
