package dev.jbuild.transfer;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * ECDSA P-256 key pairs in PEM, the scheme cosign signs with. The private key is unencrypted PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey} writes and
 * {@code cosign import-key-pair} reads; cosign's own files are encrypted with a password, which an
 * offline appliance pipeline has no one to type), written with mode 0600. The public key is a
 * SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), which {@code cosign verify --key} and
 * {@code openssl} read as it is. Reading also accepts the SEC1 {@code EC PRIVATE KEY} form.
 */
public final class SigningKeys {
    static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final String CURVE = "secp256r1";
    private static final ECParameterSpec P256 = p256();

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
            generator.initialize(new ECGenParameterSpec(CURVE), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 key generation is unavailable", e);
        }
    }

    /**
     * Writes {@code <base>.key} and {@code <base>.pub} for a new key pair, refusing to overwrite
     * either file.
     *
     * @return the private and public key files
     */
    public static Path[] generateFiles(Path base) throws IOException {
        Path privateFile = base.resolveSibling(base.getFileName() + ".key");
        Path publicFile = base.resolveSibling(base.getFileName() + ".pub");
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file)) {
                throw new KeyFileException(file + " already exists; refusing to overwrite it");
            }
        }
        KeyPair pair = generate();
        writePrivate(pair.getPrivate(), privateFile);
        writePublic(pair.getPublic(), publicFile);
        return new Path[] {privateFile, publicFile};
    }

    static String privatePem(PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        return text.toString();
    }

    static String publicPem(PublicKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(key);
        }
        return text.toString();
    }

    public static void writePrivate(PrivateKey key, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + " already exists; refusing to overwrite it");
        }
        Files.writeString(file, privatePem(key), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public static void writePublic(PublicKey key, Path file) throws IOException {
        Files.writeString(file, publicPem(key), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    }

    /** Reads a P-256 private key (PKCS#8 or SEC1 PEM). */
    public static PrivateKey readPrivate(Path file) throws IOException {
        Object pem = readPem(file);
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(PROVIDER);
            PrivateKey key;
            if (pem instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else if (pem instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else {
                throw new KeyFileException(file + " holds no private key (found " + describe(pem)
                        + "); expected PEM 'PRIVATE KEY'");
            }
            requireP256(key instanceof ECPrivateKey ec ? ec.getParams() : null, file, key.getAlgorithm());
            return key;
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new KeyFileException(file + " holds an unreadable private key: " + e.getMessage(), e);
        }
    }

    /** Reads a P-256 public key (PEM SubjectPublicKeyInfo). */
    public static PublicKey readPublic(Path file) throws IOException {
        Object pem = readPem(file);
        if (!(pem instanceof SubjectPublicKeyInfo info)) {
            throw new KeyFileException(file + " holds no public key (found " + describe(pem)
                    + "); expected PEM 'PUBLIC KEY'");
        }
        try {
            PublicKey key = new JcaPEMKeyConverter().setProvider(PROVIDER).getPublicKey(info);
            requireP256(key instanceof ECPublicKey ec ? ec.getParams() : null, file, key.getAlgorithm());
            return key;
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new KeyFileException(file + " holds an unreadable public key: " + e.getMessage(), e);
        }
    }

    private static Object readPem(Path file) throws IOException {
        return PemFile.readFirst(file, KeyFileException::new);
    }

    private static void requireP256(ECParameterSpec params, Path file, String algorithm) {
        if (params == null || !params.getOrder().equals(P256.getOrder())
                || !params.getCurve().equals(P256.getCurve()) || !params.getGenerator().equals(P256.getGenerator())) {
            throw new KeyFileException(file + " holds a " + algorithm + " key that is not on curve P-256;"
                    + " signing uses ECDSA P-256");
        }
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(CURVE));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not know curve P-256", e);
        }
    }

    private static String describe(Object pem) {
        return pem.getClass().getSimpleName();
    }
}
