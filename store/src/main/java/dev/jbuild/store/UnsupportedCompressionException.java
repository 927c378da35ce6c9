package dev.jbuild.store;

/** A compression jbuild cannot produce or read: xz, bzip2, or zstd where its native library cannot be loaded. */
public final class UnsupportedCompressionException extends StoreException {
    public UnsupportedCompressionException(String message) {
        super(message);
    }
}
