package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.platform.InputStreams;
import dev.jbuild.platform.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes what is read and, on reaching the end, compares with the expected digest (and size when
 * known), throwing {@link BlobCorruptedException} instead of reporting end of stream. A reader that
 * stops early learns nothing; every consumer in the store reads to the end for that reason.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final Digest expected;
    private final long expectedSize;
    private final MessageDigest digest = Sha256.newDigest();
    private long size;
    private boolean verified;

    /** @param expectedSize the announced length, or -1 when only the digest is known */
    VerifyingInputStream(InputStream in, Digest expected, long expectedSize) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
        } else if (n > 0) {
            digest.update(b, off, n);
            count(n);
        }
        return n;
    }

    /** Skipped bytes still count: read them. */
    @Override
    public long skip(long n) throws IOException {
        return InputStreams.skipByReading(this, n);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported on a verifying stream");
    }

    private void count(int n) {
        size += n;
        if (expectedSize >= 0 && size > expectedSize) {
            throw new BlobCorruptedException(expected, expectedSize, size);
        }
    }

    private void verify() {
        if (verified) {
            return;
        }
        verified = true;
        if (expectedSize >= 0 && size != expectedSize) {
            throw new BlobCorruptedException(expected, expectedSize, size);
        }
        Digest actual = Digest.finish(digest);
        if (!actual.equals(expected)) {
            throw new BlobCorruptedException(expected, actual);
        }
    }
}
