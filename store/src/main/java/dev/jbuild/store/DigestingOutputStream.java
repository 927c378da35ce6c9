package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Hashes and counts what passes through, so a blob is never read twice to learn its digest. A large
 * blob is hashed on a second thread while it is written (see {@link BackgroundSha256}).
 */
final class DigestingOutputStream extends FilterOutputStream {
    private final BackgroundSha256 digest = new BackgroundSha256();
    private long size;

    DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        size += len;
    }

    /** The digest of everything written; call once, after the last write. */
    Digest digest() throws IOException {
        return digest.finish();
    }

    /** Stops hashing a blob whose write failed. */
    void abandon() {
        digest.abandon();
    }

    long size() {
        return size;
    }
}
