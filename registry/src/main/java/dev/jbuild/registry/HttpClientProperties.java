package dev.jbuild.registry;

/**
 * The JDK HTTP client's system properties that jbuild sets. The client reads them once, when its
 * classes are initialised, so they are set before anything touches the client ({@link HttpTransport}
 * and {@link HttpWarmUp} both call this first).
 */
final class HttpClientProperties {
    private HttpClientProperties() {
    }

    static synchronized void set() {
        // The client reads responses in buffers of this size (16 kB by default): a layer of hundreds of
        // megabytes then costs tens of thousands of hand-offs between the selector and the reader.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", String.valueOf(1024 * 1024));
        }
    }
}
