package dev.jbuild.transfer.crypt;

/** The names ocicrypt (the OCI image-encryption convention) gives things. */
public final class EncryptionAnnotations {
    public static final String PREFIX = "org.opencontainers.image.enc.";
    public static final String KEYS_JWE = PREFIX + "keys.jwe";
    public static final String KEYS_PKCS7 = PREFIX + "keys.pkcs7";
    public static final String KEYS_PGP = PREFIX + "keys.pgp";
    public static final String PUBOPTS = PREFIX + "pubopts";
    /** The suffix of an encrypted layer's media type ({@code ...tar+gzip+encrypted}). */
    public static final String MEDIA_TYPE_SUFFIX = "+encrypted";
    /** The one layer cipher ocicrypt defines. */
    static final String CIPHER = "AES_256_CTR_HMAC_SHA256";

    private EncryptionAnnotations() {
    }

    public static boolean isEncrypted(String mediaType) {
        return mediaType != null && mediaType.endsWith(MEDIA_TYPE_SUFFIX);
    }

    public static String plainMediaType(String mediaType) {
        return isEncrypted(mediaType) ? mediaType.substring(0, mediaType.length() - MEDIA_TYPE_SUFFIX.length())
                : mediaType;
    }
}
