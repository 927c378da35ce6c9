package dev.jbuild.platform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where every SHA-256 of bulk data (layers, blobs, context files) comes from. Short-lived commands run
 * on the client compiler, which has no SHA-256 intrinsic: the JDK's implementation hashes about 145 MB/s
 * there, so hashing bounded how fast a large layer was written. OpenSSL's libcrypto uses the CPU's SHA
 * instructions (2 GB/s here), so {@link #newDigest} hands out a digest backed by it when the system has
 * libcrypto 3, else the JDK's. Both are {@link MessageDigest}s with the same results. Small inputs stay
 * with the JDK (see {@link AdaptiveSha256}).
 */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh SHA-256 digest: the JDK's for small inputs, libcrypto's for large ones when it can be loaded. */
    public static MessageDigest newDigest() {
        return new AdaptiveSha256();
    }

    /** A fresh SHA-256 digest backed by libcrypto when it can be loaded, else the JDK's. */
    static MessageDigest newBulkDigest() {
        MessageDigest openSsl = OpenSslSha256.create();
        return openSsl != null ? openSsl : newJdkDigest();
    }

    /** The JDK's own SHA-256, for small inputs and as the reference the OpenSSL one is tested against. */
    public static MessageDigest newJdkDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** True when {@link #newDigest} is backed by libcrypto. */
    public static boolean usesOpenSsl() {
        return OpenSslSha256.available();
    }
}
