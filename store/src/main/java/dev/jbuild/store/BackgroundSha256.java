package dev.jbuild.store;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The SHA-256 of a stream of bytes, computed on a thread of its own once the stream is large, so that
 * hashing a layer overlaps writing it. A short-lived command runs with the client compiler only, which
 * hashes no faster than the disk writes, while the machine's other core sits idle. The first megabyte
 * is hashed in line: most blobs (configs, manifests, small layers) never need the thread.
 *
 * <p>Only one thread touches the digest at a time: the writer until the hasher starts, then the hasher
 * until {@link #finish} has joined it.
 */
final class BackgroundSha256 {
    static final int INLINE_BYTES = 1 << 20;
    private static final int CHUNKS_IN_FLIGHT = 64;
    private static final byte[] END = new byte[0];

    private final MessageDigest digest = Sha256.newDigest();
    private long hashedInline;
    private BlockingQueue<byte[]> queue;
    private Thread hasher;

    void update(byte[] bytes, int offset, int length) throws InterruptedIOException {
        if (queue == null && hashedInline + length <= INLINE_BYTES) {
            digest.update(bytes, offset, length);
            hashedInline += length;
            return;
        }
        if (queue == null) {
            startHasher();
        }
        put(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The digest of everything passed to {@link #update}; call once. */
    Digest finish() throws InterruptedIOException {
        if (hasher != null) {
            put(END);
            try {
                hasher.join();
            } catch (InterruptedException e) {
                hasher.interrupt();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing");
            }
        }
        return Sha256.finish(digest);
    }

    /** Stops the hasher of a stream that will not be finished (its write failed). */
    void abandon() {
        if (hasher != null) {
            hasher.interrupt();
        }
    }

    private void startHasher() {
        queue = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
        hasher = new Thread(this::hashQueued, "jbuild-sha256");
        hasher.setDaemon(true);
        hasher.start();
    }

    private void hashQueued() {
        try {
            for (byte[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
                digest.update(chunk);
            }
        } catch (InterruptedException e) {
            // abandoned: nobody will ask for the digest
        }
    }

    private void put(byte[] chunk) throws InterruptedIOException {
        try {
            queue.put(chunk);
        } catch (InterruptedException e) {
            hasher.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }
}
