package dev.jbuild.layertar;

import java.util.regex.Pattern;

/**
 * What a layer tar hashes to: the sha256 and byte count of the uncompressed tar stream. For a layer
 * this is its OCI {@code diff_id}.
 */
public record LayerDigest(String sha256Hex, long size) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public LayerDigest {
        if (sha256Hex == null || !SHA256_HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("not a lowercase sha256 hex digest: " + sha256Hex);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
    }

    /** The digest in OCI notation, {@code sha256:<hex>}. */
    public String digest() {
        return "sha256:" + sha256Hex;
    }
}
