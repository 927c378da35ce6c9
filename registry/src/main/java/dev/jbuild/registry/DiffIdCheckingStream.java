package dev.jbuild.registry;

import dev.jbuild.store.Compression;
import dev.jbuild.store.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Passes a compressed layer through unchanged while a second thread decompresses a copy and hashes the
 * tar, so the layer's diff ID is checked in the same pass as its download. At the end of the stream
 * a tar that is not the config's diff ID (or a blob that does not decompress) ends the read with a
 * failure instead of end of stream, which is before the store publishes the blob: nothing is kept.
 */
final class DiffIdCheckingStream extends FilterInputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(64);
    private final CompletableFuture<Digest> result = new CompletableFuture<>();
    private final Digest expected;
    private final Digest blob;
    private boolean finished;

    DiffIdCheckingStream(InputStream in, Compression compression, Digest expected, Digest blob) {
        super(in);
        this.expected = expected;
        this.blob = blob;
        Thread hasher = new Thread(() -> hash(compression), "jbuild-diffid-" + blob.shortId());
        hasher.setDaemon(true);
        hasher.start();
    }

    private void hash(Compression compression) {
        try (InputStream queued = new QueueInputStream(); InputStream tar = compression.decompressing(queued)) {
            MessageDigest sha = dev.jbuild.layertar.Sha256.newDigest();
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = tar.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
            queued.transferTo(OutputStream.nullOutputStream());
            result.complete(Digest.ofHex(HexFormat.of().formatHex(sha.digest())));
        } catch (Throwable e) {
            result.completeExceptionally(e);
            drain();
        }
    }

    /** After a failure the producer must never block on a full queue. */
    private void drain() {
        try {
            while (chunks.take() != END) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            put(java.util.Arrays.copyOfRange(b, off, off + n));
        } else if (n < 0) {
            finish();
        }
        return n;
    }

    private void put(byte[] chunk) throws IOException {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking layer " + blob.shortId());
        }
    }

    private void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        put(END);
        Digest actual;
        try {
            actual = result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking layer " + blob.shortId());
        } catch (ExecutionException e) {
            throw new BlobMismatchException("layer " + blob + " does not decompress ("
                    + HttpTransport.rootMessage(e.getCause()) + "): the image in the registry is damaged; nothing was stored");
        }
        if (!actual.equals(expected)) {
            throw new BlobMismatchException("layer " + blob + " decompresses to " + actual
                    + ", not to the diff_id " + expected + " its image config names: the image in the registry is damaged; nothing was stored");
        }
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            chunks.offer(END); // let the hasher stop; its result no longer matters
        }
        super.close();
    }

    /** The chunks as a stream, for the decompressor. */
    private final class QueueInputStream extends InputStream {
        private byte[] chunk = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (position == chunk.length) {
                if (ended) {
                    return -1;
                }
                try {
                    chunk = chunks.take();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                position = 0;
                if (chunk == END) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }
    }
}
