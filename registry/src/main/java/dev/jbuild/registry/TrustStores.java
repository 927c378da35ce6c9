package dev.jbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a registry's TLS certificate may chain to: the system's trust store, every
 * {@code *.crt} in Docker's {@code /etc/docker/certs.d/<host:port>/}, and the CAs given with
 * {@code --registry-ca}. One SSL context per registry host.
 */
final class TrustStores {
    private TrustStores() {
    }

    static SSLContext forHost(String hostPort, RegistrySettings settings) {
        try {
            List<X509Certificate> extra = new ArrayList<>();
            Path dir = settings.certsDirectory().resolve(hostPort);
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.crt")) {
                    for (Path file : files) {
                        extra.addAll(read(file));
                    }
                }
            }
            for (Path ca : settings.extraCas()) {
                extra.addAll(read(ca));
            }
            X509TrustManager trust = extra.isEmpty() ? systemTrust() : withExtra(extra);
            if (OpenSslContext.available()) {
                return OpenSslContext.create(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new RegistryException("cannot set up TLS for " + hostPort + ": " + e.getMessage(), e);
        }
    }

    /** For clients that only speak plain HTTP: any TLS handshake would fail, and none is ever made. */
    static SSLContext trustingNothing() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType)
                        throws java.security.cert.CertificateException {
                    throw new java.security.cert.CertificateException("plain HTTP only");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType)
                        throws java.security.cert.CertificateException {
                    throw new java.security.cert.CertificateException("plain HTTP only");
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new RegistryException("cannot set up the HTTP client: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) cert);
            }
            if (out.isEmpty()) {
                throw new RegistryException(file + " holds no PEM certificate");
            }
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RegistryException("CA certificate " + file + " does not exist");
        } catch (CertificateException e) {
            throw new RegistryException(file + " is not a PEM certificate: " + e.getMessage());
        }
    }

    /** The JDK's default trust: the system's CA bundle on Debian. */
    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        return x509(system);
    }

    private static X509TrustManager x509(TrustManagerFactory factory) throws GeneralSecurityException {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** The JDK's default trust (the system's CA bundle on Debian) plus {@code extra}. */
    private static X509TrustManager withExtra(List<X509Certificate> extra) throws GeneralSecurityException,
            IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (X509Certificate cert : systemTrust().getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + n++, cert);
        }
        for (X509Certificate cert : extra) {
            store.setCertificateEntry("extra-" + n++, cert);
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        return x509(combined);
    }
}
