package dev.jbuild.transfer;

import java.security.PublicKey;
import java.util.Objects;

/**
 * How {@code load} treats an archive.
 *
 * @param verifyKey when set, every image must carry a valid signature by this key, or nothing loads
 * @param decryptionKey opens encrypted layers; null when none is given (then an encrypted image is refused)
 */
public record LoadOptions(PublicKey verifyKey, ExpansionLimit expansionLimit,
                          dev.jbuild.transfer.crypt.DecryptionKey decryptionKey) {
    public LoadOptions {
        Objects.requireNonNull(expansionLimit, "expansionLimit");
    }

    public LoadOptions(PublicKey verifyKey, ExpansionLimit expansionLimit) {
        this(verifyKey, expansionLimit, null);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null, ExpansionLimit.DEFAULT, null);
    }

    public LoadOptions withVerifyKey(PublicKey key) {
        return new LoadOptions(key, expansionLimit, decryptionKey);
    }

    public LoadOptions withExpansionLimit(ExpansionLimit limit) {
        return new LoadOptions(verifyKey, limit, decryptionKey);
    }

    /** {@code load --decrypt}: the key encrypted layers are opened with. */
    public LoadOptions withDecryptionKey(dev.jbuild.transfer.crypt.DecryptionKey key) {
        return new LoadOptions(verifyKey, expansionLimit, key);
    }
}
