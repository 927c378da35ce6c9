package dev.jbuild.builder;

import dev.jbuild.executor.HostEntry;
import dev.jbuild.platform.NetworkMode;
import dev.jbuild.executor.StepResources;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.ignore.DockerIgnore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one build needs besides the store and the executor. Build with {@link #builder}.
 *
 * @param graph the Dockerfile, resolved against the build args and pruned to the target
 * @param contextDir the build context, or null for a build without one (a Dockerfile on stdin)
 * @param ignore what {@code .dockerignore} excludes (never null; may be empty)
 * @param buildArgs {@code --build-arg} values, including the proxy ones
 * @param tags names for the final image; may be empty
 * @param labels {@code --label} values added to the final image
 * @param noCache {@code --no-cache}: run every step
 * @param noCacheStages {@code --no-cache-filter}: stage names or indexes (lower case) whose steps run
 * @param network the default network of RUN steps ({@code --network})
 * @param extraHosts {@code --add-host} entries, added to every RUN step's /etc/hosts
 * @param resources {@code --pids-limit}, {@code --memory}, {@code --shm-size}, {@code --ulimit} and
 *     {@code --cgroup-parent} for every RUN step
 * @param secrets {@code --secret} contents by id
 * @param sshAgents {@code --ssh} agent sockets by id
 * @param sourceDateEpoch {@code --source-date-epoch}, or null
 * @param serial build the stages one after the other (for debugging and deterministic tests)
 * @param namedContexts {@code --build-context} values by name: they take the place of the stages and
 *                      images of those names in FROM, COPY --from and RUN --mount=from
 * @param pull {@code --pull}: ask the image source for a newer copy of every base image first
 * @param baseImages where images the store lacks come from (a registry), or null to use the store only
 * @param cacheFrom {@code --cache-from} caches, consulted after the local cache
 * @param squash {@code --squash}: everything above the base image in one layer
 * @param dryRun {@code --dry-run}: plan every step (cached or not, and why) without running any
 */
public record BuildRequest(
        InstructionGraph graph,
        Path contextDir,
        DockerIgnore ignore,
        Map<String, String> buildArgs,
        List<String> tags,
        Map<String, String> labels,
        boolean noCache,
        Set<String> noCacheStages,
        NetworkMode network,
        List<HostEntry> extraHosts,
        StepResources resources,
        Map<String, byte[]> secrets,
        Map<String, Path> sshAgents,
        Long sourceDateEpoch,
        boolean serial,
        Map<String, NamedContext> namedContexts,
        boolean pull,
        dev.jbuild.builder.remote.BaseImageSource baseImages,
        List<dev.jbuild.builder.cache.SharedCache> cacheFrom,
        boolean squash,
        boolean dryRun) {

    public BuildRequest {
        Objects.requireNonNull(graph, "graph");
        ignore = ignore == null ? DockerIgnore.empty() : ignore;
        buildArgs = Map.copyOf(buildArgs);
        tags = List.copyOf(tags);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        noCacheStages = Set.copyOf(noCacheStages);
        network = network == null ? NetworkMode.DEFAULT : network;
        extraHosts = List.copyOf(extraHosts);
        resources = resources == null ? StepResources.defaults() : resources;
        secrets = Map.copyOf(secrets);
        sshAgents = Map.copyOf(sshAgents);
        namedContexts = Map.copyOf(namedContexts);
        cacheFrom = cacheFrom == null ? List.of() : List.copyOf(cacheFrom);
    }

    /** Whether the cache may be used for steps of this stage. */
    public boolean cacheAllowed(dev.jbuild.parser.graph.Stage stage) {
        if (noCache) {
            return false;
        }
        return !(noCacheStages.contains(String.valueOf(stage.index()))
                || (stage.name() != null && noCacheStages.contains(stage.name())));
    }

    public static Builder builder(InstructionGraph graph, Path contextDir) {
        return new Builder(graph, contextDir);
    }

    /** Docker's defaults for everything not set. */
    public static final class Builder {
        private final InstructionGraph graph;
        private final Path contextDir;
        private DockerIgnore ignore = DockerIgnore.empty();
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private boolean noCache;
        private final Set<String> noCacheStages = new LinkedHashSet<>();
        private NetworkMode network = NetworkMode.DEFAULT;
        private final List<HostEntry> extraHosts = new ArrayList<>();
        private StepResources resources = StepResources.defaults();
        private final Map<String, byte[]> secrets = new LinkedHashMap<>();
        private final Map<String, Path> sshAgents = new LinkedHashMap<>();
        private Long sourceDateEpoch;
        private boolean serial;
        private final Map<String, NamedContext> namedContexts = new LinkedHashMap<>();
        private boolean pull;
        private dev.jbuild.builder.remote.BaseImageSource baseImages;
        private final List<dev.jbuild.builder.cache.SharedCache> cacheFrom = new ArrayList<>();
        private boolean squash;
        private boolean dryRun;

        private Builder(InstructionGraph graph, Path contextDir) {
            this.graph = graph;
            this.contextDir = contextDir;
        }

        public Builder ignore(DockerIgnore value) {
            this.ignore = value;
            return this;
        }

        public Builder buildArgs(Map<String, String> values) {
            buildArgs.putAll(values);
            return this;
        }

        public Builder tag(String... names) {
            tags.addAll(List.of(names));
            return this;
        }

        public Builder tags(List<String> names) {
            tags.addAll(names);
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder labels(Map<String, String> values) {
            labels.putAll(values);
            return this;
        }

        public Builder noCache(boolean value) {
            this.noCache = value;
            return this;
        }

        public Builder noCacheStage(String stage) {
            noCacheStages.add(stage.toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder network(NetworkMode value) {
            this.network = value;
            return this;
        }

        public Builder extraHost(HostEntry entry) {
            extraHosts.add(entry);
            return this;
        }

        public Builder resources(StepResources value) {
            this.resources = value;
            return this;
        }

        public Builder secret(String id, byte[] content) {
            secrets.put(id, content.clone());
            return this;
        }

        public Builder sshAgent(String id, Path socket) {
            sshAgents.put(id, socket);
            return this;
        }

        public Builder sourceDateEpoch(Long seconds) {
            this.sourceDateEpoch = seconds;
            return this;
        }

        public Builder serial(boolean value) {
            this.serial = value;
            return this;
        }

        public Builder namedContext(String name, NamedContext context) {
            namedContexts.put(name, context);
            return this;
        }

        public Builder pull(boolean value) {
            this.pull = value;
            return this;
        }

        public Builder baseImages(dev.jbuild.builder.remote.BaseImageSource source) {
            this.baseImages = source;
            return this;
        }

        public Builder cacheFrom(dev.jbuild.builder.cache.SharedCache cache) {
            cacheFrom.add(cache);
            return this;
        }

        public Builder squash(boolean value) {
            this.squash = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public BuildRequest build() {
            return new BuildRequest(graph, contextDir, ignore, buildArgs, tags, labels, noCache, noCacheStages,
                    network, extraHosts, resources, secrets, sshAgents, sourceDateEpoch, serial, namedContexts, pull,
                    baseImages, cacheFrom, squash, dryRun);
        }
    }
}
