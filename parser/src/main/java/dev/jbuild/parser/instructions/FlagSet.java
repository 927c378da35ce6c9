package dev.jbuild.parser.instructions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags one instruction accepts, and the parser for its flag words (BuildKit's BFlags).
 *
 * <p>Flags are written {@code --name=value}; a boolean may also be bare ({@code --link}) or
 * {@code --link=true|false}. Names are case-sensitive. A flag another instruction accepts is as
 * unknown here as a typo, which is what Docker reports too.
 */
final class FlagSet {
    enum Kind { BOOL, STRING, REPEATABLE }

    private final Map<String, Kind> declared = new LinkedHashMap<>();

    static FlagSet none() {
        return new FlagSet();
    }

    FlagSet bool(String name) {
        declared.put(name, Kind.BOOL);
        return this;
    }

    FlagSet string(String name) {
        declared.put(name, Kind.STRING);
        return this;
    }

    /** A flag that may be given several times, each value kept in order ({@code --mount}). */
    FlagSet repeatable(String name) {
        declared.put(name, Kind.REPEATABLE);
        return this;
    }

    ParsedFlags parse(List<String> words) {
        Map<String, String> single = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        for (String word : words) {
            if (word.equals("--")) {
                break;
            }
            if (!word.startsWith("--")) {
                throw new InstructionException("arg should start with -- : " + word);
            }
            int eq = word.indexOf('=');
            String flag = eq < 0 ? word : word.substring(0, eq);
            String name = flag.substring(2);
            Kind kind = declared.get(name);
            if (kind == null) {
                throw new InstructionException("unknown flag: " + flag,
                        Suggestions.hint(name, List.copyOf(declared.keySet()), true));
            }
            if (kind != Kind.REPEATABLE && single.containsKey(name)) {
                throw new InstructionException("duplicate flag specified: " + flag);
            }
            if (eq < 0 && kind != Kind.BOOL) {
                throw new InstructionException("missing a value on flag: " + flag);
            }
            String value = eq < 0 ? null : word.substring(eq + 1);
            switch (kind) {
                case BOOL -> single.put(name, booleanValue(flag, value));
                case STRING -> single.put(name, value);
                case REPEATABLE -> repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new ParsedFlags(single, repeated);
    }

    private static String booleanValue(String flag, String value) {
        if (value == null) {
            return "true";
        }
        if (value.isEmpty()) {
            throw new InstructionException("missing a value on flag: " + flag);
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> "true";
            case "false" -> "false";
            default -> throw new InstructionException(
                    "expecting boolean value for flag " + flag + ", not: " + value);
        };
    }
}
