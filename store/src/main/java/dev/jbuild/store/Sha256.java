package dev.jbuild.store;

import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 plumbing: every JDK has it, so its absence is a broken runtime, not a user error. */
final class Sha256 {
    private Sha256() {
    }

    /** Backed by libcrypto when the system has it (see {@link dev.jbuild.layertar.Sha256}). */
    static MessageDigest newDigest() {
        return dev.jbuild.layertar.Sha256.newDigest();
    }

    static Digest finish(MessageDigest digest) {
        return Digest.ofHex(HexFormat.of().formatHex(digest.digest()));
    }
}
