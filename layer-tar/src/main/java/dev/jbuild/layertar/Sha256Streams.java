package dev.jbuild.layertar;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.SizedDigest;
import dev.jbuild.platform.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Streams that hash and count the bytes passing through, so nobody reads a layer twice to digest it. */
final class Sha256Streams {
    private Sha256Streams() {
    }

    /** Hashes what is written, then passes it on; never closes the sink (the caller owns it). */
    static final class Out extends OutputStream {
        private final OutputStream sink;
        private final MessageDigest sha256 = Sha256.newDigest();
        private long count;

        Out(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
            sha256.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sink.write(b, off, len);
            sha256.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        SizedDigest digest() {
            return new SizedDigest(Digest.finish(sha256), count);
        }
    }

    /**
     * Hashes what is read. Extends InputStream rather than FilterInputStream on purpose: the
     * inherited skip() reads through read(), so skipped bytes are hashed too.
     */
    static final class In extends InputStream {
        private final InputStream source;
        private final MessageDigest sha256 = Sha256.newDigest();
        private long count;

        In(InputStream source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            int b = source.read();
            if (b >= 0) {
                sha256.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = source.read(b, off, len);
            if (n > 0) {
                sha256.update(b, off, n);
                count += n;
            }
            return n;
        }

        SizedDigest digest() {
            return new SizedDigest(Digest.finish(sha256), count);
        }
    }
}
