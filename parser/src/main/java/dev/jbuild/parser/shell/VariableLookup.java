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

    /** A lookup in which every variable is unset. */
    static VariableLookup empty() {
        return name -> null;
    }
}
