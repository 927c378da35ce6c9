package dev.jbuild.store;

/** Another process held the store's lock for longer than this one was willing to wait. */
public final class StoreLockedException extends StoreException {
    public StoreLockedException(String message) {
        super(message);
    }
}
