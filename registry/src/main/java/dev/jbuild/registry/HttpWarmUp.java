package dev.jbuild.registry;

import dev.jbuild.imagespec.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Initialises, on the thread that calls it, the classes of the JDK's HTTP client that a registry
 * command's first request needs: its builders, its request and exchange machinery, and its static
 * tables, and the native TLS library for a registry elsewhere. A command calls it on a second thread
 * while it reads its command line and opens the store;
 * the first request then finds them ready (class initialisation runs once per JVM, under a lock, so
 * nothing is done twice). Nothing is connected and no client is built.
 */
public final class HttpWarmUp {
    /** The client's own classes that the first exchange initialises, in the order it reaches them. */
    private static final String[] EXCHANGE_CLASSES = {
        "jdk.internal.net.http.common.Utils",
        "jdk.internal.net.http.HttpClientImpl",
        "jdk.internal.net.http.ConnectionPool",
        "jdk.internal.net.http.AuthenticationFilter",
        "jdk.internal.net.http.MultiExchange",
        "jdk.internal.net.http.Exchange",
        "jdk.internal.net.http.HttpConnection",
        "jdk.internal.net.http.PlainHttpConnection",
        "jdk.internal.net.http.SocketTube",
        "jdk.internal.net.http.Http1Exchange",
        "jdk.internal.net.http.Http1Request",
        "jdk.internal.net.http.Http1Response",
        "jdk.internal.net.http.Http1AsyncReceiver",
        "jdk.internal.net.http.ResponseContent",
        "jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream",
        "jdk.internal.net.http.Http2ClientImpl",
    };

    private HttpWarmUp() {
    }

    static boolean onAnotherMachine(String name) {
        try {
            return !RegistryHost.isLoopback(Reference.parse(name).domain());
        } catch (RuntimeException e) {
            return false; // not a name: the command will say so
        }
    }

    /**
     * @param name the image (or registry) the command names, or null: when it is on a registry other than
     *     this machine's, which is spoken to over TLS, the native TLS library is loaded first (some 100 ms
     *     of class initialisation and library loading that the first request would otherwise wait for)
     */
    public static void run(String name) {
        HttpClientProperties.set();
        if (name != null && onAnotherMachine(name)) {
            OpenSslContext.available();
        }
        try {
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(PlainHttpSslContext.create())
                    .sslParameters(PlainHttpSslContext.parameters());
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/v2/")).header("Accept", "*/*").GET().build();
            HttpResponse.BodyHandlers.ofInputStream();
            ClassLoader loader = HttpClient.class.getClassLoader();
            for (String className : EXCHANGE_CLASSES) {
                Class.forName(className, true, loader);
            }
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // only a head start: another JDK may name its classes otherwise, and the request sets up what it needs
        }
    }
}
