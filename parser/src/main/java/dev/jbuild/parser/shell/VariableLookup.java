package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;
import java.util.Map;

/** Where the expander finds variable values. */
@FunctionalInterface
public interface VariableLookup {

    /** The variable's value, or null when it is unset (an empty string means set-but-empty). */
    String get(String name);

    /**
     * Lookup used when names match case-insensitively (Windows). BuildKit upper-cases names both
     * when it stores the environment and when it looks one up, so the default asks for the
     * upper-cased name; {@link #of(Map)} upper-cases its keys to match.
     */
    default String getIgnoringCase(String name) {
        return get(GoText.toUpper(name));
    }

    /**
     * A lookup over a snapshot of {@code variables}. A null value counts as unset. For
     * case-insensitive lookups, when two keys differ only by case the one iterated last wins, as
     * when BuildKit builds its Windows environment.
     */
    static VariableLookup of(Map<String, String> variables) {
        return new MapVariableLookup(variables);
    }

    /**
     * A lookup that reads {@code variables} as they are at each call, without copying them: what the parser
     * needs while it walks instructions, where a snapshot per instruction made the walk quadratic. A null
     * value counts as unset; a case-insensitive lookup takes the last key that matches in iteration order,
     * as {@link #of(Map)} does.
     */
    static VariableLookup view(Map<String, String> variables) {
        return new VariableLookup() {
            @Override
            public String get(String name) {
                return variables.get(name);
            }

            @Override
            public String getIgnoringCase(String name) {
                String wanted = GoText.toUpper(name);
                String found = null;
                for (Map.Entry<String, String> entry : variables.entrySet()) {
                    if (entry.getValue() != null && GoText.toUpper(entry.getKey()).equals(wanted)) {
                        found = entry.getValue();
                    }
                }
                return found;
            }
        };
    }

    /** A lookup in which every variable is unset. */
    static VariableLookup empty() {
        return name -> null;
    }
}
