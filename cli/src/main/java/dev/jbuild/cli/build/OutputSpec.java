package dev.jbuild.cli.build;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code --output}: {@code type=image} (the default), {@code docker}/{@code oci} (a save archive),
 * {@code tar} (the root filesystem as a tar) or {@code local} (the root filesystem in a directory), with
 * {@code dest=PATH} ({@code -} is stdout for the archive types). A bare path means {@code type=local}.
 */
public record OutputSpec(Type type, String dest) {
    public enum Type { IMAGE, DOCKER, OCI, TAR, LOCAL }

    public static OutputSpec parse(String text) {
        if (!text.contains("=")) {
            return new OutputSpec(Type.LOCAL, text);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid --output \"" + text + "\": expected key=value pairs");
            }
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        String typeName = fields.getOrDefault("type", "local");
        Type type;
        try {
            type = Type.valueOf(typeName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --output type \"" + typeName
                    + "\": expected image, docker, oci, tar or local");
        }
        String dest = fields.get("dest");
        if (dest == null) {
            dest = fields.get("output");
        }
        if (type != Type.IMAGE && (dest == null || dest.isEmpty())) {
            throw new IllegalArgumentException("--output type=" + typeName + " needs dest=PATH");
        }
        return new OutputSpec(type, dest);
    }
}
