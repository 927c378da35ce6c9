package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Iterator;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * ocicrypt's {@code pgp} scheme: the options as an OpenPGP message (AES-256, integrity protected) for
 * the encryption key of a public key ring ({@code gpg --export --armor}), by Bouncy Castle's OpenPGP.
 */
record PgpRecipient(PGPPublicKey key) implements Recipient {
    static PgpRecipient read(Path file) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
            for (Iterator<PGPPublicKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
                for (Iterator<PGPPublicKey> keys = it.next().getPublicKeys(); keys.hasNext(); ) {
                    PGPPublicKey key = keys.next();
                    if (key.isEncryptionKey()) {
                        return new PgpRecipient(key);
                    }
                }
            }
            throw new EncryptionException(file + " holds no OpenPGP encryption key");
        } catch (NoSuchFileException e) {
            throw new EncryptionException("key file " + file + " does not exist", e);
        } catch (PGPException | IOException e) {
            throw new EncryptionException(file + " is not an OpenPGP public key: " + e.getMessage(), e);
        }
    }

    @Override
    public String annotation() {
        return EncryptionAnnotations.KEYS_PGP;
    }

    @Override
    public byte[] wrap(byte[] privateOptions) {
        try {
            PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                    new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                            .setSecureRandom(new SecureRandom()).setProvider(PemFiles.PROVIDER));
            generator.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(key).setProvider(PemFiles.PROVIDER));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream encrypted = generator.open(out, new byte[1 << 12])) {
                PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
                try (OutputStream data = literal.open(encrypted, PGPLiteralData.BINARY, "", privateOptions.length,
                        new Date(0))) {
                    data.write(privateOptions);
                }
            }
            return out.toByteArray();
        } catch (PGPException | IOException e) {
            throw new EncryptionException("OpenPGP key wrapping failed: " + e.getMessage(), e);
        }
    }

    /** The options the message holds, if one of {@code keys} opens it; else null. */
    static byte[] unwrap(byte[] wrapped, PGPSecretKeyRingCollection keys) {
        try {
            JcaPGPObjectFactory factory = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(
                    new java.io.ByteArrayInputStream(wrapped)));
            Object first = factory.nextObject();
            PGPEncryptedDataList list = first instanceof PGPEncryptedDataList l ? l
                    : (PGPEncryptedDataList) factory.nextObject();
            for (PGPEncryptedData data : list) {
                if (!(data instanceof PGPPublicKeyEncryptedData encrypted)) {
                    continue;
                }
                PGPSecretKey secret = keys.getSecretKey(encrypted.getKeyID());
                if (secret == null) {
                    continue;
                }
                PGPPrivateKey privateKey = secret.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder()
                        .setProvider(PemFiles.PROVIDER).build(new char[0]));
                InputStream clear = encrypted.getDataStream(new JcePublicKeyDataDecryptorFactoryBuilder()
                        .setProvider(PemFiles.PROVIDER).build(privateKey));
                Object message = new JcaPGPObjectFactory(clear).nextObject();
                if (message instanceof PGPLiteralData literal) {
                    byte[] bytes = literal.getInputStream().readAllBytes();
                    if (encrypted.isIntegrityProtected() && !encrypted.verify()) {
                        return null;
                    }
                    return bytes;
                }
            }
            return null;
        } catch (PGPException | IOException | RuntimeException e) {
            return null;
        }
    }
}
