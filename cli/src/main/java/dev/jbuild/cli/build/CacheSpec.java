package dev.jbuild.cli.build;

import dev.jbuild.builder.cache.CacheExport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code --cache-to} or {@code --cache-from}, in BuildKit's syntax: {@code type=registry,ref=REF}
 * (with {@code mode=min|max} for export) or {@code type=local,dest=DIR} / {@code type=local,src=DIR}.
 * A bare {@code REF} means {@code type=registry,ref=REF}.
 *
 * @param location the reference (registry) or directory (local)
 */
public record CacheSpec(Kind kind, String location, CacheExport.Mode mode) {
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
            return new CacheSpec(Kind.REGISTRY, text, CacheExport.Mode.MIN);
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
        String type = fields.getOrDefault("type", "registry");
        return switch (type) {
            case "registry" -> new CacheSpec(Kind.REGISTRY, required(fields, "ref", option, type), parsedMode);
            case "local" -> new CacheSpec(Kind.LOCAL, required(fields, dirKey, option, type), parsedMode);
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
