package dev.jbuild.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Hashes and counts what passes through, so a blob is never read twice to learn its digest. */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private long size;

    DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        size += len;
    }

    Digest digest() {
        return Sha256.finish(digest);
    }

    long size() {
        return size;
    }
}
