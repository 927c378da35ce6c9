package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.platform.Sha256;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * The SHA-256 of a stream of bytes, computed on a thread of its own once the stream is large, so that
 * hashing a layer overlaps writing it, when the JDK does the hashing: a short-lived command runs with
 * the client compiler only, which hashes no faster than the disk writes, while the machine's other core
 * sits idle. With libcrypto (see {@link dev.jbuild.platform.Sha256}) hashing is ten times faster than
 * that, and copying each chunk for a second thread would cost more than it saves: it stays in line. The
 * first megabyte is hashed in line either way: most blobs (configs, manifests, small layers) never
 * need to ask.
 *
 * <p>Only one thread touches the digest at a time: the writer until the hasher starts, then the hasher
 * until {@link #finish} has joined it.
 */
final class BackgroundSha256 {
    static final int INLINE_BYTES = 1 << 20;
    private static final int CHUNKS_IN_FLIGHT = 64;
    private static final byte[] END = new byte[0];

    private final MessageDigest digest = Sha256.newDigest();
    private final BooleanSupplier hashesFast;
    private long hashedInline;
    private boolean inlineOnly;
    private BlockingQueue<byte[]> queue;
    private Thread hasher;

    BackgroundSha256() {
        this(dev.jbuild.platform.Sha256::usesOpenSsl);
    }

    /** @param hashesFast whether the digest is fast enough to stay in line (asked once, past the first megabyte) */
    BackgroundSha256(BooleanSupplier hashesFast) {
        this.hashesFast = hashesFast;
    }

    void update(byte[] bytes, int offset, int length) throws InterruptedIOException {
        if (queue == null && !inlineOnly && hashedInline + length > INLINE_BYTES) {
            // Asked only now: by this size the digest has loaded libcrypto if the system has it.
            inlineOnly = hashesFast.getAsBoolean();
            if (!inlineOnly) {
                startHasher();
            }
        }
        if (queue == null) {
            digest.update(bytes, offset, length);
            hashedInline += length;
            return;
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
        return Digest.finish(digest);
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
