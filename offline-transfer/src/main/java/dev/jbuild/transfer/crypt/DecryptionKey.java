package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * The key of {@code load --decrypt KEY}: a PEM private key (RSA or EC, for the {@code jwe} and
 * {@code pkcs7} schemes) or an OpenPGP secret key ring without a passphrase (for {@code pgp}). It opens
 * a layer's wrapped options when one of the layer's annotations was wrapped for it.
 */
public final class DecryptionKey {
    private final Path file;
    private final PrivateKey privateKey;
    private final PGPSecretKeyRingCollection pgpKeys;

    private DecryptionKey(Path file, PrivateKey privateKey, PGPSecretKeyRingCollection pgpKeys) {
        this.file = file;
        this.privateKey = privateKey;
        this.pgpKeys = pgpKeys;
    }

    /** @throws EncryptionException when the file holds no private key of either kind */
    public static DecryptionKey read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new EncryptionException("key file " + file + " does not exist", e);
        }
        if (text.contains("-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
            try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
                return new DecryptionKey(file, null, new PGPSecretKeyRingCollection(in,
                        new JcaKeyFingerprintCalculator()));
            } catch (PGPException e) {
                throw new EncryptionException(file + " is not a readable OpenPGP secret key: " + e.getMessage(), e);
            }
        }
        PrivateKey key = PemFiles.privateKeyOrNull(PemFiles.read(file));
        if (key == null) {
            throw new EncryptionException(file + " holds no private key (expected PEM 'PRIVATE KEY' or an OpenPGP "
                    + "secret key)");
        }
        return new DecryptionKey(file, key, null);
    }

    public Path file() {
        return file;
    }

    /**
     * The private options of an encrypted layer, from the first of its wrapped keys this key opens.
     *
     * @throws EncryptionException when none was wrapped for this key
     */
    byte[] unwrap(Map<String, String> annotations, String layer) {
        for (String scheme : new String[] {EncryptionAnnotations.KEYS_JWE, EncryptionAnnotations.KEYS_PKCS7,
                EncryptionAnnotations.KEYS_PGP}) {
            String value = annotations.get(scheme);
            if (value == null || value.isEmpty()) {
                continue;
            }
            for (String part : value.split(",")) {
                byte[] wrapped;
                try {
                    wrapped = Base64.getDecoder().decode(part.trim());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                byte[] options = switch (scheme) {
                    case EncryptionAnnotations.KEYS_JWE -> privateKey == null ? null
                            : JweRecipient.unwrap(wrapped, privateKey);
                    case EncryptionAnnotations.KEYS_PKCS7 -> privateKey == null ? null
                            : Pkcs7Recipient.unwrap(wrapped, privateKey);
                    default -> pgpKeys == null ? null : PgpRecipient.unwrap(wrapped, pgpKeys);
                };
                if (options != null) {
                    return options;
                }
            }
        }
        throw new EncryptionException("layer " + layer + " cannot be decrypted with " + file
                + ": it was not encrypted for this key");
    }
}
