package dev.jbuild.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 plumbing: every JDK has it, so its absence is a broken runtime, not a user error. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    static Digest finish(MessageDigest digest) {
        return Digest.ofHex(HexFormat.of().formatHex(digest.digest()));
    }
}
