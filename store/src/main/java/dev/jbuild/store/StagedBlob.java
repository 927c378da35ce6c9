package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes hashed into this process's temp area by {@link BlobStore#stage}, not (yet) a blob of the
 * store. Only this process can see it; it disappears with {@link #discard()}, on
 * {@link BlobStore#publish}, or when the store is closed.
 */
public final class StagedBlob {
    private final Path file;
    private final Digest digest;
    private final long size;
    private final boolean durable;

    StagedBlob(Path file, Digest digest, long size, boolean durable) {
        this.file = file;
        this.digest = digest;
        this.size = size;
        this.durable = durable;
    }

    /** What the bytes hash to, computed while they were written. */
    public Digest digest() {
        return digest;
    }

    public long size() {
        return size;
    }

    /** The bytes, as written (they live in this process's private temp area, so they are not re-hashed). */
    public InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    /** Removes the temp file (nothing happens when it was published already). */
    public void discard() throws IOException {
        Files.deleteIfExists(file);
    }

    Path file() {
        return file;
    }

    /** Whether the bytes were fsynced when they were written, so that publishing needs no fsync of the file. */
    boolean durable() {
        return durable;
    }

    @Override
    public String toString() {
        return "staged " + digest + " (" + size + " bytes)";
    }
}
