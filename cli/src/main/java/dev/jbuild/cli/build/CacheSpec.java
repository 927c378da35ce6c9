package dev.jbuild.cli.build;

import dev.jbuild.builder.cache.CacheExport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code --cache-to} or {@code --cache-from}, in BuildKit's syntax: {@code type=registry,ref=REF}
 * (with {@code mode=min|max} for export) or {@code type=local,dest=DIR} / {@code type=local,src=DIR}.
 * A bare {@code REF} means {@code type=registry,ref=REF}. {@code mounts=true} carries the
 * {@code RUN --mount=type=cache} directories too (issue 17: caches that outlive an ephemeral runner).
 *
 * @param location the reference (registry) or directory (local)
 * @param mounts whether the cache mounts go with the build cache
 */
public record CacheSpec(Kind kind, String location, CacheExport.Mode mode, boolean mounts) {
    public enum Kind { REGISTRY, LOCAL }

    /** {@code --cache-to}: {@code dest=} for a directory. */
    public static CacheSpec parseTo(String text) {
        return parse(text, "--cache-to", "dest");
    }

    /** {@code --cache-from}: {@code src=} for a directory. */
    public static CacheSpec parseFrom(String text) {
        return parse(text, "--cache-from", "src");
    }

    private static CacheSpec parse(String text, String option, String dirKey) {
        if (!text.contains("=")) {
            return new CacheSpec(Kind.REGISTRY, text, CacheExport.Mode.MIN, false);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid " + option + " \"" + text + "\": expected key=value pairs");
            }
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        String mode = fields.getOrDefault("mode", "min");
        CacheExport.Mode parsedMode = switch (mode) {
            case "min" -> CacheExport.Mode.MIN;
            case "max" -> CacheExport.Mode.MAX;
            default -> throw new IllegalArgumentException("invalid " + option + " mode \"" + mode + "\": expected min or max");
        };
        String mountsText = fields.getOrDefault("mounts", "false");
        if (!mountsText.equals("true") && !mountsText.equals("false")) {
            throw new IllegalArgumentException("invalid " + option + " mounts \"" + mountsText + "\": expected true or false");
        }
        boolean mounts = mountsText.equals("true");
        String type = fields.getOrDefault("type", "registry");
        return switch (type) {
            case "registry" -> new CacheSpec(Kind.REGISTRY, required(fields, "ref", option, type), parsedMode, mounts);
            case "local" -> new CacheSpec(Kind.LOCAL, required(fields, dirKey, option, type), parsedMode, mounts);
            default -> throw new IllegalArgumentException("invalid " + option + " type \"" + type
                    + "\": expected registry or local");
        };
    }

    private static String required(Map<String, String> fields, String key, String option, String type) {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(option + " type=" + type + " needs " + key + "=");
        }
        return value;
    }
}
