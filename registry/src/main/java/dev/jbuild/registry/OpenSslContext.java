package dev.jbuild.registry;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An SSL context whose engines are BoringSSL's (netty-tcnative, through netty's SSLEngine), for the
 * JDK's HTTP client. The JDK's own TLS encrypts and authenticates in Java, and only the optimizing
 * compiler turns that into the CPU's AES and carry-less multiply instructions; the commands that pull
 * run with the client compiler alone (a fast start), where a 423 MB pull from a TLS registry took 9.2 s
 * against 1.6 s through BoringSSL. Trust is still decided by the JDK's trust manager, given the same
 * certificates as before (the system's, certs.d's, {@code --registry-ca}'s), and host names are checked
 * as the JDK checks them: the client asks for HTTPS endpoint identification on every engine.
 *
 * <p>Where the native library cannot be loaded (another architecture, another C library), the JDK's TLS
 * serves, as before.
 */
final class OpenSslContext {
    private static final boolean AVAILABLE = probe();

    private OpenSslContext() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        try {
            return OpenSsl.isAvailable();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    static SSLContext create(X509TrustManager trust) throws SSLException {
        SslContext netty = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).trustManager(trust)
                .endpointIdentificationAlgorithm("HTTPS").build();
        return new SSLContext(new Spi(netty), null, "TLS") {
        };
    }

    private static final class Spi extends SSLContextSpi {
        private final SslContext netty;

        Spi(SslContext netty) {
            this.netty = netty;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            // made whole by create(): nothing to initialise
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException("engines only");
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("engines only");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new EmptyWrapTolerantEngine(netty.newEngine(UnpooledByteBufAllocator.DEFAULT));
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new EmptyWrapTolerantEngine(netty.newEngine(UnpooledByteBufAllocator.DEFAULT, host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw new UnsupportedOperationException("client only");
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return netty.sessionContext();
        }

        /** Asked once by the client when it is built: BoringSSL's protocols and cipher suites. */
        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return engineCreateSSLEngine().getSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return engineCreateSSLEngine().getSSLParameters();
        }
    }
}
