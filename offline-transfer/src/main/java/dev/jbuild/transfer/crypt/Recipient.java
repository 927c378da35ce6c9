package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Someone an encrypted layer is for: their key wraps the layer's private cipher options, under the
 * annotation of their scheme. {@code save --encrypt jwe:PUB.pem|pkcs7:CERT.pem|pgp:KEY.asc}.
 */
public sealed interface Recipient permits JweRecipient, Pkcs7Recipient, PgpRecipient {

    /** The annotation this scheme's wrapped keys go under ({@code org.opencontainers.image.enc.keys.jwe}). */
    String annotation();

    /** The private options, encrypted for this recipient. */
    byte[] wrap(byte[] privateOptions);

    /**
     * Reads {@code scheme:FILE}.
     *
     * @throws EncryptionException for an unknown scheme or a file that holds no usable key
     */
    static Recipient parse(String spec) throws IOException {
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? "" : spec.substring(0, colon);
        String file = colon < 0 ? spec : spec.substring(colon + 1);
        if (file.isEmpty()) {
            throw new EncryptionException("--encrypt " + spec + ": expected jwe:PUBLIC_KEY.pem, pkcs7:CERT.pem or "
                    + "pgp:PUBLIC_KEY.asc");
        }
        Path path = Path.of(file);
        return switch (scheme) {
            case "jwe" -> JweRecipient.read(path);
            case "pkcs7" -> Pkcs7Recipient.read(path);
            case "pgp" -> PgpRecipient.read(path);
            default -> throw new EncryptionException("--encrypt " + spec + ": unknown scheme '" + scheme
                    + "' (use jwe:, pkcs7: or pgp:)");
        };
    }
}
