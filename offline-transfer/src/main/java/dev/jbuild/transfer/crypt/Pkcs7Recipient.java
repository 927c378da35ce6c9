package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;

/**
 * ocicrypt's {@code pkcs7} scheme: the options as CMS EnvelopedData (AES-256-CBC content, RSA key
 * transport) for the holder of an X.509 certificate, by Bouncy Castle.
 */
record Pkcs7Recipient(X509Certificate certificate) implements Recipient {
    static Pkcs7Recipient read(Path file) throws IOException {
        return new Pkcs7Recipient(PemFiles.certificate(file));
    }

    @Override
    public String annotation() {
        return EncryptionAnnotations.KEYS_PKCS7;
    }

    @Override
    public byte[] wrap(byte[] privateOptions) {
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(certificate)
                    .setProvider(PemFiles.PROVIDER));
            return generator.generate(new CMSProcessableByteArray(privateOptions),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(PemFiles.PROVIDER).build())
                    .getEncoded();
        } catch (CMSException | CertificateEncodingException | IOException e) {
            throw new EncryptionException("PKCS#7 key wrapping failed: " + e.getMessage(), e);
        }
    }

    /** The options the EnvelopedData holds, if {@code key} is one of its recipients; else null. */
    static byte[] unwrap(byte[] wrapped, PrivateKey key) {
        try {
            CMSEnvelopedData data = new CMSEnvelopedData(wrapped);
            for (RecipientInformation recipient : data.getRecipientInfos().getRecipients()) {
                try {
                    return recipient.getContent(new JceKeyTransEnvelopedRecipient(key).setProvider(PemFiles.PROVIDER));
                } catch (CMSException e) {
                    // another recipient's key
                }
            }
            return null;
        } catch (CMSException | RuntimeException e) {
            return null;
        }
    }
}
