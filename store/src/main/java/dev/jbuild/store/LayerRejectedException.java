package dev.jbuild.store;

/** A layer tar that cannot be unpacked safely or is not a tar at all; nothing was stored for it. */
public final class LayerRejectedException extends StoreException {
    public LayerRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
