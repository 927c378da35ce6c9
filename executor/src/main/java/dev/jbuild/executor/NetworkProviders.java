package dev.jbuild.executor;

import dev.jbuild.platform.NetworkMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses what connects a step's own network namespace ({@link NetworkMode#DEFAULT}) by attaching a real
 * probe namespace with each candidate: slirp4netns first (about 10 ms a step, and nothing created in the
 * host's network), then the CNI bridge (BuildKit's CNI mode; a veth, an address and NAT rules per step,
 * ten times the cost). {@code JBUILD_NETWORK_PROVIDER} ({@code slirp4netns} or {@code cni-bridge}) asks for
 * one. A successful verdict is kept for the boot like the runtime's ({@link ProbeVerdicts}).
 */
public final class NetworkProviders {
    public static final String ENVIRONMENT_VARIABLE = "JBUILD_NETWORK_PROVIDER";
    private static final Map<String, Selection> CACHE = new ConcurrentHashMap<>();

    /** The chosen provider, and in one line why (including why others were passed over). */
    public static final class Selection {
        private final NetworkProvider provider;
        private final String reason;

        Selection(NetworkProvider provider, String reason) {
            this.provider = provider;
            this.reason = reason;
        }

        public String name() {
            return provider.name();
        }

        public String reason() {
            return reason;
        }

        NetworkProvider provider() {
            return provider;
        }
    }

    private NetworkProviders() {
    }

    /** The provider asked for in the environment, or null to probe. */
    public static String requested(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * @param requested {@code slirp4netns}, {@code cni-bridge} or null to take the first that works
     * @throws ExecutorException none works (or the one asked for does not); the message says what to install
     */
    public static Selection select(String requested, ExecutorLayout layout) throws ExecutorException {
        String key = requested == null ? "" : requested;
        Selection cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        List<NetworkProvider> candidates = candidates(requested);
        ProbeVerdicts verdicts = new ProbeVerdicts(layout.verdicts());
        String subject = subject(requested, candidates);
        Optional<List<String>> known = verdicts.recall("network", subject);
        if (known.isPresent() && known.get().size() == 2) {
            for (NetworkProvider candidate : candidates) {
                if (candidate.name().equals(known.get().get(0))) {
                    Selection selection = new Selection(candidate, known.get().get(1) + "; kept from an earlier probe since boot");
                    CACHE.put(key, selection);
                    return selection;
                }
            }
        }
        ProbeTrial<NetworkProvider> trial = new ProbeTrial<>();
        NetworkProvider chosen = trial.firstWorking(candidates, NetworkProvider::name, c -> probe(c, layout));
        if (chosen == null) {
            throw new ExecutorException("no network for RUN steps: " + trial.failures()
                    + "; install one (apt-get install -y slirp4netns), or build with --network=host");
        }
        String reason = (requested == null ? "probe namespace connected" : "requested; probe namespace connected")
                + trial.skipped();
        Selection selection = new Selection(chosen, reason);
        CACHE.put(key, selection);
        verdicts.remember("network", subject, List.of(chosen.name(), reason));
        return selection;
    }

    private static List<NetworkProvider> candidates(String requested) throws ExecutorException {
        List<NetworkProvider> candidates = new ArrayList<>();
        if (requested == null || requested.equals(Slirp4netnsNetwork.NAME)) {
            candidates.add(new Slirp4netnsNetwork(RuntimeProbe.find("slirp4netns").orElse(null)));
        }
        if (requested == null || requested.equals(CniBridgeNetwork.NAME)) {
            candidates.add(new CniBridgeNetwork(CniBridgeNetwork.DEFAULT_PLUGINS, CniBridgeNetwork.DEFAULT_STATE, null));
        }
        if (candidates.isEmpty()) {
            throw new ExecutorException("unknown network provider '" + requested + "' (" + ENVIRONMENT_VARIABLE
                    + " takes " + Slirp4netnsNetwork.NAME + " or " + CniBridgeNetwork.NAME + ")");
        }
        return candidates;
    }

    /** Attaches and detaches a probe namespace; null when it worked, else why not. */
    static String probe(NetworkProvider candidate, ExecutorLayout layout) {
        String missing = missingParts(candidate);
        if (missing != null) {
            return missing;
        }
        Path dir = null;
        try {
            dir = Trees.createLeased(layout.probes(), "network-");
            try (StepNetwork network = candidate.attach(dir)) {
                return null;
            }
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            Trees.removeLeasedOrLeave(dir);
        }
    }

    private static String missingParts(NetworkProvider candidate) {
        if (candidate instanceof Slirp4netnsNetwork slirp && slirp.executable() == null) {
            return "not installed (apt-get install -y slirp4netns)";
        }
        if (candidate instanceof CniBridgeNetwork) {
            for (String plugin : CniBridgeNetwork.PLUGINS) {
                if (!Files.isExecutable(CniBridgeNetwork.DEFAULT_PLUGINS.resolve(plugin))) {
                    return "no " + plugin + " plugin in " + CniBridgeNetwork.DEFAULT_PLUGINS
                            + " (apt-get install -y containernetworking-plugins)";
                }
            }
            if (RuntimeProbe.find("iptables").isEmpty()) {
                return "no iptables for the bridge's NAT (apt-get install -y iptables)";
            }
        }
        return null;
    }

    /** What a kept verdict depends on: what was asked for and the candidates' binaries (an upgrade probes again). */
    private static String subject(String requested, List<NetworkProvider> candidates) {
        List<Path> binaries = new ArrayList<>();
        for (NetworkProvider candidate : candidates) {
            if (candidate instanceof Slirp4netnsNetwork slirp && slirp.executable() != null) {
                binaries.add(slirp.executable());
            } else if (candidate instanceof CniBridgeNetwork) {
                binaries.add(CniBridgeNetwork.DEFAULT_PLUGINS.resolve("bridge"));
            }
        }
        return ProbeVerdicts.filesSubject("network " + (requested == null ? "" : requested), binaries);
    }
}
