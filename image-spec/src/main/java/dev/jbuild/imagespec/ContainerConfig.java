package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The {@code config} object of an image config: how a container from the image runs. Field names in
 * JSON are the image-spec's ({@code User}, {@code ExposedPorts}, ...) plus Docker's
 * {@code Healthcheck}, {@code OnBuild} and {@code Shell}. Absent and empty are the same here, as they
 * are in what Go writes with {@code omitempty}.
 *
 * @param exposedPorts port specs such as {@code 80/tcp}, sorted
 * @param env {@code NAME=value} entries in order
 * @param volumes mount points, sorted
 * @param labels sorted by key
 * @param healthcheck null when the image has none
 */
public record ContainerConfig(String user, List<String> exposedPorts, List<String> env, List<String> entrypoint,
                              List<String> cmd, List<String> volumes, String workingDir, Map<String, String> labels,
                              String stopSignal, boolean argsEscaped, HealthConfig healthcheck, List<String> onBuild,
                              List<String> shell) {

    public static final ContainerConfig EMPTY = new ContainerConfig(null, null, null, null, null, null, null, null,
            null, false, null, null, null);

    public ContainerConfig {
        user = user == null ? "" : user;
        exposedPorts = sortedSet(exposedPorts);
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        volumes = sortedSet(volumes);
        workingDir = workingDir == null ? "" : workingDir;
        labels = java.util.Collections.unmodifiableSortedMap(JsonFields.sorted(labels));
        stopSignal = stopSignal == null ? "" : stopSignal;
        onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
        shell = shell == null ? List.of() : List.copyOf(shell);
    }

    /** The value of an environment variable, or null when it is not set. */
    public String envValue(String name) {
        String prefix = name + "=";
        for (int i = env.size() - 1; i >= 0; i--) {
            if (env.get(i).startsWith(prefix)) {
                return env.get(i).substring(prefix.length());
            }
        }
        return null;
    }

    /** The environment as a map, later entries winning. */
    public SortedMap<String, String> envMap() {
        SortedMap<String, String> map = new java.util.TreeMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }

    /** Sets one variable the way Docker's ENV does: replaces it in place, or appends it. */
    public ContainerConfig withEnvVariable(String name, String value) {
        List<String> updated = new ArrayList<>(env.size() + 1);
        boolean replaced = false;
        for (String entry : env) {
            if (entry.startsWith(name + "=") || entry.equals(name)) {
                if (!replaced) {
                    updated.add(name + "=" + value);
                    replaced = true;
                }
            } else {
                updated.add(entry);
            }
        }
        if (!replaced) {
            updated.add(name + "=" + value);
        }
        return withEnv(updated);
    }

    public ContainerConfig withUser(String v) {
        return new ContainerConfig(v, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withExposedPorts(List<String> v) {
        return new ContainerConfig(user, v, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withEnv(List<String> v) {
        return new ContainerConfig(user, exposedPorts, v, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withEntrypoint(List<String> v) {
        return new ContainerConfig(user, exposedPorts, env, v, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withCmd(List<String> v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, v, volumes, workingDir, labels, stopSignal,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withVolumes(List<String> v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, v, workingDir, labels, stopSignal,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withWorkingDir(String v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, v, labels, stopSignal,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withLabels(Map<String, String> v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, v, stopSignal,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withStopSignal(String v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, v,
                argsEscaped, healthcheck, onBuild, shell);
    }

    public ContainerConfig withArgsEscaped(boolean v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                v, healthcheck, onBuild, shell);
    }

    public ContainerConfig withHealthcheck(HealthConfig v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, v, onBuild, shell);
    }

    public ContainerConfig withOnBuild(List<String> v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, healthcheck, v, shell);
    }

    public ContainerConfig withShell(List<String> v) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, healthcheck, onBuild, v);
    }

    /** The object in BuildKit's field order (the image-spec's, then Docker's extensions). */
    public ObjectNode toJson() {
        ObjectNode obj = CanonicalJson.object();
        JsonFields.putText(obj, "User", user);
        JsonFields.putKeySet(obj, "ExposedPorts", exposedPorts);
        JsonFields.putStrings(obj, "Env", env);
        JsonFields.putStrings(obj, "Entrypoint", entrypoint);
        JsonFields.putStrings(obj, "Cmd", cmd);
        JsonFields.putKeySet(obj, "Volumes", volumes);
        JsonFields.putText(obj, "WorkingDir", workingDir);
        JsonFields.putStringMap(obj, "Labels", labels);
        JsonFields.putText(obj, "StopSignal", stopSignal);
        if (argsEscaped) {
            obj.put("ArgsEscaped", true);
        }
        if (healthcheck != null) {
            obj.set("Healthcheck", healthcheck.toJson());
        }
        JsonFields.putStrings(obj, "OnBuild", onBuild);
        JsonFields.putStrings(obj, "Shell", shell);
        return obj;
    }

    static ContainerConfig fromJson(JsonNode obj) {
        if (obj == null || !obj.isObject()) {
            return EMPTY;
        }
        JsonNode health = obj.get("Healthcheck");
        return new ContainerConfig(JsonFields.text(obj, "User"), JsonFields.keySet(obj, "ExposedPorts"),
                JsonFields.strings(obj, "Env"), JsonFields.strings(obj, "Entrypoint"), JsonFields.strings(obj, "Cmd"),
                JsonFields.keySet(obj, "Volumes"), JsonFields.text(obj, "WorkingDir"),
                JsonFields.stringMap(obj, "Labels"), JsonFields.text(obj, "StopSignal"),
                JsonFields.bool(obj, "ArgsEscaped"),
                health != null && health.isObject() ? HealthConfig.fromJson(health) : null,
                JsonFields.strings(obj, "OnBuild"), JsonFields.strings(obj, "Shell"));
    }

    private static List<String> sortedSet(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        TreeSet<String> set = new TreeSet<>(CanonicalJson.KEY_ORDER);
        set.addAll(values);
        return List.copyOf(set);
    }
}
