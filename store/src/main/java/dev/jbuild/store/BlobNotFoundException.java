package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;

/** A blob that should be in the store is not. */
public final class BlobNotFoundException extends StoreException {
    private final Digest digest;

    public BlobNotFoundException(Digest digest) {
        super("blob " + digest + " not found in the store");
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
