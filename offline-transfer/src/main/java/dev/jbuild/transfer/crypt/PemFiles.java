package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import dev.jbuild.transfer.PemFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM keys and certificates (RSA or EC), read by Bouncy Castle's PEM parser. */
final class PemFiles {
    static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private PemFiles() {
    }

    static Object read(Path file) throws IOException {
        return PemFile.readFirst(file, EncryptionException::new);
    }

    /** A public key: PEM {@code PUBLIC KEY}, or the key of a certificate. */
    static PublicKey publicKey(Path file) throws IOException {
        Object pem = read(file);
        // The JDK's key factories: its ECDH (what the JOSE library runs) refuses Bouncy Castle's "ECDSA" keys.
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (pem instanceof SubjectPublicKeyInfo info) {
            return converter.getPublicKey(info);
        }
        if (pem instanceof X509CertificateHolder holder) {
            return converter.getPublicKey(holder.getSubjectPublicKeyInfo());
        }
        throw new EncryptionException(file + " holds no public key (expected PEM 'PUBLIC KEY')");
    }

    static X509Certificate certificate(Path file) throws IOException {
        Object pem = read(file);
        if (!(pem instanceof X509CertificateHolder holder)) {
            throw new EncryptionException(file + " holds no certificate (expected PEM 'CERTIFICATE')");
        }
        try {
            return new JcaX509CertificateConverter().setProvider(PROVIDER).getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new EncryptionException(file + " holds an unreadable certificate: " + e.getMessage(), e);
        }
    }

    /** A private key (PKCS#8, PKCS#1 RSA or SEC1 EC), or null when the file holds another PEM object. */
    static PrivateKey privateKeyOrNull(Object pem) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (pem instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (pem instanceof PEMKeyPair pair) {
            return converter.getKeyPair(pair).getPrivate();
        }
        return null;
    }
}
