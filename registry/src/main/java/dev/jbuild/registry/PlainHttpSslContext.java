package dev.jbuild.registry;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The SSL context of a client that only speaks plain HTTP. JDK 17's client sets up a context and its
 * default parameters when it is built even when it never makes a TLS connection: looking up the JSSE
 * provider and initialising its cipher suites and key exchanges loads some 300 classes, 80 to 100 ms
 * of every pull from a local registry. This one makes the real context ({@link TrustStores#trustingNothing},
 * whose every handshake fails) only if TLS is ever asked of it, which a plain-HTTP client never does.
 */
final class PlainHttpSslContext {
    private PlainHttpSslContext() {
    }

    static SSLContext create() {
        return new SSLContext(new Deferred(), null, "TLS") {
        };
    }

    /** The parameters to give the client with it, so that it does not ask the context for its defaults. */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    private static final class Deferred extends SSLContextSpi {
        private SSLContext real;

        private synchronized SSLContext real() {
            if (real == null) {
                real = TrustStores.trustingNothing();
            }
            return real;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            // made initialised: nothing to choose
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return real().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return real().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real().getSupportedSSLParameters();
        }
    }
}
