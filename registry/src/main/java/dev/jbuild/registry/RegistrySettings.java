package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.imagespec.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How jbuild talks to registries, from one small JSON file whose keys are those of Docker's
 * {@code daemon.json}:
 * <pre>
 * {
 *   "insecure-registries": ["registry.lan:5000"],
 *   "registry-mirrors": ["https://mirror.example.com"]
 * }
 * </pre>
 * The file is {@code $JBUILD_REGISTRY_CONFIG}, else {@code $XDG_CONFIG_HOME/jbuild/registries.json}
 * ({@code ~/.config/jbuild/registries.json}); a missing file means the defaults.
 *
 * @param insecure registries ({@code host} or {@code host:port}) that may be reached over plain HTTP;
 *     {@code localhost} and {@code 127.0.0.0/8} always may
 * @param mirrors mirrors tried, in order, before Docker Hub for {@code docker.io} images
 * @param certsDirectory Docker's per-registry CA directory ({@code <dir>/<host:port>/ca.crt})
 * @param extraCas CA certificates (PEM) trusted for every registry ({@code --registry-ca})
 * @param dockerConfigDirectory where {@code config.json} with credentials lives ({@code $DOCKER_CONFIG},
 *     else {@code ~/.docker})
 * @param parallelTransfers blobs moved at once (Docker's default is 3)
 * @param retry how often and how patiently a failed request is tried again
 * @param helperPath where {@code docker-credential-*} programs are looked for ({@code $PATH})
 */
public record RegistrySettings(List<String> insecure, List<URI> mirrors, Path certsDirectory, List<Path> extraCas,
                               Path dockerConfigDirectory, int parallelTransfers, RetryPolicy retry,
                               List<Path> helperPath) {
    public static final String FILE_ENV = "JBUILD_REGISTRY_CONFIG";
    public static final int DEFAULT_PARALLEL = 3;

    public RegistrySettings {
        insecure = List.copyOf(insecure);
        mirrors = List.copyOf(mirrors);
        extraCas = List.copyOf(extraCas);
        helperPath = List.copyOf(helperPath);
        Objects.requireNonNull(certsDirectory, "certsDirectory");
        Objects.requireNonNull(dockerConfigDirectory, "dockerConfigDirectory");
        Objects.requireNonNull(retry, "retry");
        if (parallelTransfers < 1) {
            throw new IllegalArgumentException("parallel transfers must be at least 1");
        }
    }

    /** The settings of this environment: the settings file (if any) and Docker's usual places. */
    public static RegistrySettings load(Map<String, String> env) throws IOException {
        Path file = settingsFile(env);
        List<String> insecure = new ArrayList<>();
        List<URI> mirrors = new ArrayList<>();
        try {
            JsonNode root = JsonTrees.read(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                throw new RegistryException(file + " is not a JSON object; see the README's registry settings");
            }
            for (JsonNode host : root.path("insecure-registries")) {
                insecure.add(host.asText().toLowerCase(Locale.ROOT));
            }
            for (JsonNode mirror : root.path("registry-mirrors")) {
                try {
                    mirrors.add(URI.create(mirror.asText().replaceAll("/+$", "")));
                } catch (IllegalArgumentException e) {
                    throw new RegistryException(file + ": registry mirror '" + mirror.asText() + "' is not a URL");
                }
            }
        } catch (NoSuchFileException e) {
            // no settings: the defaults
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new RegistryException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        return new RegistrySettings(insecure, mirrors, Path.of("/etc/docker/certs.d"), List.of(),
                dockerConfigDirectory(env), DEFAULT_PARALLEL, RetryPolicy.DEFAULT, searchPath(env));
    }

    /** Settings with nothing configured, Docker's places for certificates and credentials. */
    public static RegistrySettings defaults(Map<String, String> env) {
        return new RegistrySettings(List.of(), List.of(), Path.of("/etc/docker/certs.d"), List.of(),
                dockerConfigDirectory(env), DEFAULT_PARALLEL, RetryPolicy.DEFAULT, searchPath(env));
    }

    private static List<Path> searchPath(Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        for (String dir : env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty()) {
                out.add(Path.of(dir));
            }
        }
        return out;
    }

    static Path settingsFile(Map<String, String> env) {
        String explicit = env.get(FILE_ENV);
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(home(env), ".config");
        return base.resolve("jbuild").resolve("registries.json");
    }

    static Path dockerConfigDirectory(Map<String, String> env) {
        String explicit = env.get("DOCKER_CONFIG");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        return Path.of(home(env), ".docker");
    }

    private static String home(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isEmpty() ? home : System.getProperty("user.home");
    }

    public RegistrySettings withInsecure(List<String> hosts) {
        return new RegistrySettings(hosts, mirrors, certsDirectory, extraCas, dockerConfigDirectory,
                parallelTransfers, retry, helperPath);
    }

    public RegistrySettings withMirrors(List<URI> value) {
        return new RegistrySettings(insecure, value, certsDirectory, extraCas, dockerConfigDirectory,
                parallelTransfers, retry, helperPath);
    }

    public RegistrySettings withCertsDirectory(Path value) {
        return new RegistrySettings(insecure, mirrors, value, extraCas, dockerConfigDirectory, parallelTransfers,
                retry, helperPath);
    }

    public RegistrySettings withExtraCas(List<Path> value) {
        return new RegistrySettings(insecure, mirrors, certsDirectory, value, dockerConfigDirectory,
                parallelTransfers, retry, helperPath);
    }

    public RegistrySettings withDockerConfigDirectory(Path value) {
        return new RegistrySettings(insecure, mirrors, certsDirectory, extraCas, value, parallelTransfers, retry,
                helperPath);
    }

    public RegistrySettings withParallelTransfers(int value) {
        return new RegistrySettings(insecure, mirrors, certsDirectory, extraCas, dockerConfigDirectory, value, retry,
                helperPath);
    }

    public RegistrySettings withRetry(RetryPolicy value) {
        return new RegistrySettings(insecure, mirrors, certsDirectory, extraCas, dockerConfigDirectory,
                parallelTransfers, value, helperPath);
    }

    public RegistrySettings withHelperPath(List<Path> value) {
        return new RegistrySettings(insecure, mirrors, certsDirectory, extraCas, dockerConfigDirectory,
                parallelTransfers, retry, value);
    }

    /**
     * How a failed request (connection refused or reset, 5xx, 429) is tried again: up to
     * {@code attempts} times in all, waiting {@code initialDelay}, then twice as long each time, at most
     * {@code maxDelay} (a 429's Retry-After is honoured up to that).
     */
    public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(8));

        public RetryPolicy {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
        }

        Duration delay(int failedAttempts) {
            long millis = initialDelay.toMillis() << Math.min(20, Math.max(0, failedAttempts - 1));
            return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
        }

        /**
         * The wait before the next attempt: what the registry asked for ({@code Retry-After}) when it
         * did, at most {@code maxDelay}, else the backoff for this many failures.
         */
        Duration delay(int failedAttempts, Duration asked) {
            if (asked == null) {
                return delay(failedAttempts);
            }
            return asked.compareTo(maxDelay) > 0 ? maxDelay : asked;
        }

        /** Sleeps for {@link #delay(int, Duration)}. */
        void pause(int failedAttempts, Duration asked, String what) throws java.io.InterruptedIOException {
            try {
                Thread.sleep(delay(failedAttempts, asked).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting to retry " + what);
            }
        }
    }
}
