package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.SizedDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A built layer as its digest, size and tar split, staged in this process's temp area by
 * {@link LayerStore#stageBuilt} until {@link LayerStore#keepBuilt} makes it the layer's blob (or
 * {@link #close} drops it, as the store's close would).
 */
public final class StagedSplit implements AutoCloseable {
    private final Path splitFile;
    private final SizedDigest layer;

    StagedSplit(Path splitFile, SizedDigest layer) {
        this.splitFile = splitFile;
        this.layer = layer;
    }

    /** The layer's digest (its diff ID), computed while its tar was written. */
    public Digest digest() {
        return layer.digest();
    }

    /** The layer tar's length in bytes. */
    public long size() {
        return layer.size();
    }

    Path splitFile() {
        return splitFile;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(splitFile);
    }
}
