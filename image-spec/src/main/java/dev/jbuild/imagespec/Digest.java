package dev.jbuild.imagespec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 lowercase hex>}. The only algorithm the store writes and
 * accepts: Docker and every OCI tool use it, and a second algorithm would double every lookup.
 *
 * @param value the full form, {@code sha256:<hex>}
 */
public record Digest(String value) implements Comparable<Digest> {
    public static final String ALGORITHM = "sha256";
    private static final String PREFIX = ALGORITHM + ":";
    private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int SHORT_ID_LENGTH = 12;

    public Digest {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidDigestException(String.valueOf(value));
        }
    }

    /** Parses {@code sha256:<hex>}. */
    public static Digest parse(String value) {
        return new Digest(value);
    }

    /** A digest from its 64 hex characters alone. */
    public static Digest ofHex(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidDigestException(String.valueOf(hex));
        }
        return new Digest(PREFIX + hex);
    }

    /** True for exactly 64 lowercase hex characters, the form of an image ID without its algorithm. */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }

    /**
     * The digest of these bytes, by the JDK's SHA-256: documents are small, and bulk data is hashed
     * while it streams (the platform module's {@code Sha256}), never through here.
     */
    public static Digest of(byte[] bytes) {
        try {
            return ofHex(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** What a SHA-256 that has been fed a whole stream hashed to; finishes (and so resets) it. */
    public static Digest finish(MessageDigest sha256) {
        if (!"SHA-256".equals(sha256.getAlgorithm())) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256.getAlgorithm());
        }
        return ofHex(HexFormat.of().formatHex(sha256.digest()));
    }

    /** The digest of this string's UTF-8 bytes. */
    public static Digest of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public String algorithm() {
        return ALGORITHM;
    }

    /** The 64 hex characters. */
    public String hex() {
        return value.substring(PREFIX.length());
    }

    /** The first 12 hex characters, how Docker shows an image ID. */
    public String shortId() {
        return hex().substring(0, SHORT_ID_LENGTH);
    }

    @Override
    public int compareTo(Digest other) {
        return value.compareTo(other.value);
    }

    // Written out rather than left to the record: the generated ones are bootstrapped through
    // invokedynamic on first use, which costs a short command several milliseconds for the store's
    // hottest map key.
    @Override
    public boolean equals(Object other) {
        return other instanceof Digest digest && value.equals(digest.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
