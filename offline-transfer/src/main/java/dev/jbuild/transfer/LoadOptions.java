package dev.jbuild.transfer;

import java.security.PublicKey;
import java.util.Objects;

/**
 * How {@code load} treats an archive.
 *
 * @param verifyKey when set, every image must carry a valid signature by this key, or nothing loads
 */
public record LoadOptions(PublicKey verifyKey, ExpansionLimit expansionLimit) {
    public LoadOptions {
        Objects.requireNonNull(expansionLimit, "expansionLimit");
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null, ExpansionLimit.DEFAULT);
    }

    public LoadOptions withVerifyKey(PublicKey key) {
        return new LoadOptions(key, expansionLimit);
    }

    public LoadOptions withExpansionLimit(ExpansionLimit limit) {
        return new LoadOptions(verifyKey, limit);
    }
}
