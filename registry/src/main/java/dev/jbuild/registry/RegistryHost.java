package dev.jbuild.registry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the images of one registry domain (as a {@link dev.jbuild.imagespec.Reference} names it) are
 * fetched from: {@code docker.io} is {@code registry-1.docker.io}, preceded by any configured mirrors
 * for pulls; any other domain is itself. HTTPS always; plain HTTP as well for {@code localhost},
 * {@code 127.0.0.0/8}, {@code ::1} and the registries the settings list as insecure. A listed registry
 * is tried over HTTPS first, as Docker does. A loopback one is tried over plain HTTP first: traffic that
 * never leaves the machine gains nothing from TLS, most local registries speak plain HTTP, and setting
 * up TLS costs a short command a third of a second; a TLS registry answers such a request with 400
 * (or a closed connection) and is then reached over HTTPS.
 */
public final class RegistryHost {
    public static final String DOCKER_HUB = "docker.io";
    public static final String DOCKER_HUB_API = "registry-1.docker.io";
    /** The key Docker writes Docker Hub's credentials under in config.json. */
    public static final String DOCKER_HUB_AUTH_KEY = "https://index.docker.io/v1/";

    private RegistryHost() {
    }

    /** An address requests are sent to: {@code https://host:port} or {@code http://...}. */
    public record Endpoint(URI base, boolean mirror) {
        public boolean plainHttp() {
            return base.getScheme().equals("http");
        }

        /** {@code host:port} as the certs.d directory and error messages name it. */
        public String hostPort() {
            return base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
        }
    }

    /** The endpoints for pulling from {@code domain}: mirrors first, then the registry itself. */
    public static List<Endpoint> forPull(String domain, RegistrySettings settings) {
        List<Endpoint> out = new ArrayList<>();
        if (domain.equals(DOCKER_HUB)) {
            for (URI mirror : settings.mirrors()) {
                out.add(new Endpoint(mirror, true));
            }
        }
        out.addAll(forPush(domain, settings));
        return out;
    }

    /** The endpoints for pushing to {@code domain} (mirrors are read-only). */
    public static List<Endpoint> forPush(String domain, RegistrySettings settings) {
        String host = domain.equals(DOCKER_HUB) ? DOCKER_HUB_API : domain;
        List<Endpoint> out = new ArrayList<>();
        Endpoint https = new Endpoint(URI.create("https://" + host), false);
        Endpoint http = new Endpoint(URI.create("http://" + host), false);
        if (isLoopback(domain)) {
            out.add(http);
            out.add(https);
        } else {
            out.add(https);
            if (allowsPlainHttp(domain, settings)) {
                out.add(http);
            }
        }
        return out;
    }

    /** The key credentials for {@code domain} are kept under in Docker's config.json. */
    public static String authKey(String domain) {
        return domain.equals(DOCKER_HUB) || domain.equals("index.docker.io") || domain.equals(DOCKER_HUB_API)
                ? DOCKER_HUB_AUTH_KEY : domain;
    }

    /** Loopback (by name or address) or listed as insecure, with or without its port. */
    static boolean allowsPlainHttp(String domain, RegistrySettings settings) {
        String lower = domain.toLowerCase(Locale.ROOT);
        String host = hostOf(lower);
        return settings.insecure().contains(lower) || settings.insecure().contains(host) || isLoopback(domain);
    }

    /** {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}, with or without a port. */
    static boolean isLoopback(String domain) {
        String host = hostOf(domain.toLowerCase(Locale.ROOT));
        if (host.equals("localhost")) {
            return true;
        }
        if (host.matches("127(\\.\\d{1,3}){3}") || host.equals("[::1]")) {
            try {
                return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String hostOf(String domain) {
        if (domain.startsWith("[")) {
            int end = domain.indexOf(']');
            return end < 0 ? domain : domain.substring(0, end + 1);
        }
        int colon = domain.lastIndexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }
}
