package dev.jbuild.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registries of one command: a {@link RegistryClient} per registry endpoint, made on first use
 * with its credentials from Docker's config.json, and kept so that a token is fetched once per scope.
 * Close it when done: that stops the HTTP clients' selector threads.
 */
public final class Registries implements AutoCloseable {
    private final ThreadGroup threads = new ThreadGroup("jbuild-registry-http");
    private final RegistrySettings settings;
    private final DockerConfigFile dockerConfig;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    public Registries(RegistrySettings settings) {
        this.settings = settings;
        this.dockerConfig = new DockerConfigFile(settings.dockerConfigDirectory(), settings.helperPath());
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** The client to push to {@code domain} with (and to pull from it, when there are no mirrors). */
    public RegistryClient forPush(String domain) throws IOException {
        return client(domain, RegistryHost.forPush(domain, settings));
    }

    /** The clients to pull from {@code domain} with, mirrors first. */
    public List<RegistryClient> forPull(String domain) throws IOException {
        List<RegistryClient> out = new ArrayList<>();
        for (RegistryHost.Endpoint endpoint : RegistryHost.forPull(domain, settings)) {
            if (endpoint.mirror()) {
                out.add(client(endpoint.hostPort(), List.of(endpoint)));
            }
        }
        out.add(forPush(domain));
        return out;
    }

    private RegistryClient client(String domain, List<RegistryHost.Endpoint> endpoints) throws IOException {
        String key = clientKey(domain, endpoints);
        RegistryClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        Optional<Credentials> credentials = dockerConfig.credentials(domain);
        RegistryClient made = new RegistryClient(new HttpTransport(domain, endpoints, settings,
                new Authorizer(domain, credentials), HttpTransport.RequestCounter.NONE, threads));
        RegistryClient raced = clients.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }

    /**
     * The endpoints' addresses, not their records' {@code toString}: a record's generated methods set up
     * some 15 ms of method handles on first use in a fresh JVM, on the way to a pull's first request.
     */
    private static String clientKey(String domain, List<RegistryHost.Endpoint> endpoints) {
        StringBuilder key = new StringBuilder(domain);
        for (RegistryHost.Endpoint endpoint : endpoints) {
            key.append(' ').append(endpoint.base()).append(endpoint.mirror() ? " mirror" : "");
        }
        return key.toString();
    }

    /**
     * {@code login}: checks the credentials against the registry, then stores them in Docker's
     * config.json (or its credential helper).
     *
     * @throws AuthenticationFailedException when the registry refuses them
     */
    public void login(String domain, Credentials credentials) throws IOException {
        RegistryClient client = new RegistryClient(new HttpTransport(domain, RegistryHost.forPush(domain, settings),
                settings, new Authorizer(domain, Optional.of(credentials)), HttpTransport.RequestCounter.NONE, threads));
        client.ping();
        dockerConfig.store(domain, credentials);
    }

    /** {@code logout}: forgets the credentials; false when there were none. */
    public boolean logout(String domain) throws IOException {
        return dockerConfig.erase(domain);
    }

    /**
     * Stops the selector threads of this object's HTTP clients (JDK 17's client has no close()). Each
     * waits in native code for its socket events, and HotSpot waits up to 300 ms at exit for threads in
     * native code: without this, every command that spoke to a registry would end that much later.
     */
    @Override
    public void close() {
        threads.interrupt();
    }

    /** The credentials file in use. */
    public DockerConfigFile dockerConfig() {
        return dockerConfig;
    }
}
