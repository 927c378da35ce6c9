package dev.jbuild.platform;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * SHA-256 that decides by size where to hash: input up to {@link #SMALL_BYTES} is hashed by the JDK
 * when the digest is taken, larger input goes to libcrypto. Most digests a command takes are of small
 * JSON documents, and loading libcrypto and the native-call layer costs a few milliseconds a short
 * command should not pay for them.
 */
final class AdaptiveSha256 extends MessageDigest {
    static final int SMALL_BYTES = 64 * 1024;
    private static final int DIGEST_LENGTH = 32;

    private byte[] pending = new byte[256];
    private int pendingLength;
    private MessageDigest bulk;

    AdaptiveSha256() {
        super("SHA-256");
    }

    /** A copy would share {@code bulk}, which may hold native state. */
    @Override
    public Object clone() throws CloneNotSupportedException {
        throw new CloneNotSupportedException("an adaptive SHA-256 digest cannot be cloned");
    }

    @Override
    protected int engineGetDigestLength() {
        return DIGEST_LENGTH;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        if (bulk != null) {
            bulk.update(input, offset, length);
            return;
        }
        if (pendingLength + length <= SMALL_BYTES) {
            if (pendingLength + length > pending.length) {
                pending = Arrays.copyOf(pending, Math.min(SMALL_BYTES, Math.max(pending.length * 2, pendingLength + length)));
            }
            System.arraycopy(input, offset, pending, pendingLength, length);
            pendingLength += length;
            return;
        }
        bulk = Sha256.newBulkDigest();
        bulk.update(pending, 0, pendingLength);
        bulk.update(input, offset, length);
        pending = null;
    }

    @Override
    protected byte[] engineDigest() {
        byte[] digest;
        if (bulk != null) {
            digest = bulk.digest();
        } else {
            MessageDigest small = Sha256.newJdkDigest();
            small.update(pending, 0, pendingLength);
            digest = small.digest();
        }
        engineReset();
        return digest;
    }

    @Override
    protected void engineReset() {
        bulk = null;
        pending = new byte[256];
        pendingLength = 0;
    }
}
