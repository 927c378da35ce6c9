package dev.jbuild.analysis;

import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The differences between two image configs, field by field, maps key by key. */
public final class ConfigDiff {
    private ConfigDiff() {
    }

    public static List<ConfigChange> compare(ImageConfig a, ImageConfig b) {
        List<ConfigChange> out = new ArrayList<>();
        ContainerConfig x = a.config();
        ContainerConfig y = b.config();
        field(out, "Architecture", a.architecture(), b.architecture());
        field(out, "Os", a.os(), b.os());
        field(out, "User", x.user(), y.user());
        map(out, "Env", x.envMap(), y.envMap());
        field(out, "Entrypoint", list(x.entrypoint()), list(y.entrypoint()));
        field(out, "Cmd", list(x.cmd()), list(y.cmd()));
        field(out, "WorkingDir", x.workingDir(), y.workingDir());
        map(out, "Labels", x.labels(), y.labels());
        field(out, "ExposedPorts", list(x.exposedPorts()), list(y.exposedPorts()));
        field(out, "Volumes", list(x.volumes()), list(y.volumes()));
        field(out, "StopSignal", x.stopSignal(), y.stopSignal());
        field(out, "Shell", list(x.shell()), list(y.shell()));
        field(out, "OnBuild", list(x.onBuild()), list(y.onBuild()));
        field(out, "Healthcheck", x.healthcheck() == null ? "" : x.healthcheck().toString(),
                y.healthcheck() == null ? "" : y.healthcheck().toString());
        return out;
    }

    private static void field(List<ConfigChange> out, String name, String before, String after) {
        String left = before == null ? "" : before;
        String right = after == null ? "" : after;
        if (!left.equals(right)) {
            out.add(new ConfigChange(name, left.isEmpty() ? null : left, right.isEmpty() ? null : right));
        }
    }

    private static void map(List<ConfigChange> out, String name, Map<String, String> before, Map<String, String> after) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String left = before.get(key);
            String right = after.get(key);
            if (left == null ? right != null : !left.equals(right)) {
                out.add(new ConfigChange(name + "[" + key + "]", left, right));
            }
        }
    }

    /** {@code ["sh","-c","x"]}: lists as JSON arrays, the way Docker shows them. */
    private static String list(List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array.toString();
    }
}
