package dev.jbuild.store;

/** A compression this build of jbuild cannot produce or read (zstd, xz, bzip2). */
public final class UnsupportedCompressionException extends StoreException {
    public UnsupportedCompressionException(String message) {
        super(message);
    }
}
