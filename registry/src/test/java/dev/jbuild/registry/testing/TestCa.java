package dev.jbuild.registry.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test with Bouncy Castle: its certificate, and server
 * certificates it signs for 127.0.0.1 and localhost; everything written as PEM files.
 */
public final class TestCa {
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Path dir;

    private TestCa(Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.keys = rsa();
        X500Name name = new X500Name("CN=jbuild test CA " + System.nanoTime());
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
        this.certificate = sign(builder, keys);
        pem(certificate, caFile());
    }

    public static TestCa create(Path dir) {
        try {
            return new TestCa(dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test CA", e);
        }
    }

    public Path caFile() {
        return dir.resolve("ca.crt");
    }

    public KeyPair keys() {
        return keys;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A server certificate for 127.0.0.1 and localhost: {@code [cert.pem, key.pem]}. */
    public Path[] serverCertificate(String name) throws Exception {
        return serverCertificate(name, new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** A server certificate for another host only, which a client of 127.0.0.1 must refuse. */
    public Path[] serverCertificateForAnotherHost(String name) throws Exception {
        return serverCertificate(name, new GeneralName(GeneralName.dNSName, "elsewhere.example"));
    }

    private Path[] serverCertificate(String name, GeneralName... subjectAlternativeNames) throws Exception {
        KeyPair server = rsa();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(certificate.getSubjectX500Principal().getName()),
                BigInteger.valueOf(now.toEpochMilli() + 1), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=" + name), server.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAlternativeNames));
        X509Certificate cert = sign(builder, keys);
        Path certFile = dir.resolve(name + ".crt");
        Path keyFile = dir.resolve(name + ".key");
        pem(cert, certFile);
        pem(server.getPrivate(), keyFile);
        return new Path[] {certFile, keyFile};
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }

    static void pem(Object object, Path file) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        Files.writeString(file, text.toString());
    }
}
