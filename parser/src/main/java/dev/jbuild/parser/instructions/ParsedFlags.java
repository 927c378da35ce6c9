package dev.jbuild.parser.instructions;

import java.util.List;
import java.util.Map;

/** The flag values given to one instruction, by flag name (without {@code --}). */
final class ParsedFlags {
    private final Map<String, String> single;
    private final Map<String, List<String>> repeated;

    ParsedFlags(Map<String, String> single, Map<String, List<String>> repeated) {
        this.single = Map.copyOf(single);
        this.repeated = Map.copyOf(repeated);
    }

    boolean isGiven(String name) {
        return single.containsKey(name) || repeated.containsKey(name);
    }

    /** The value as written, possibly empty; null when the flag was not given. */
    String raw(String name) {
        return single.get(name);
    }

    /** The value, or null when not given or empty: BuildKit treats {@code --chown=} as absent. */
    String string(String name) {
        String value = single.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    boolean isTrue(String name) {
        return "true".equals(single.get(name));
    }

    /** A boolean flag's value, or null when not given. */
    Boolean bool(String name) {
        String value = single.get(name);
        return value == null ? null : Boolean.valueOf(value);
    }

    List<String> strings(String name) {
        return repeated.getOrDefault(name, List.of());
    }
}
