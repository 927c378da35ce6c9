package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;
import java.util.HashMap;
import java.util.Map;

/** {@link VariableLookup} over a copied map, with an upper-cased index for Windows-style lookups. */
final class MapVariableLookup implements VariableLookup {
    private final Map<String, String> exact = new HashMap<>();
    private final Map<String, String> upperCased = new HashMap<>();

    MapVariableLookup(Map<String, String> variables) {
        variables.forEach((name, value) -> {
            if (value != null) {
                exact.put(name, value);
                upperCased.put(GoText.toUpper(name), value);
            }
        });
    }

    @Override
    public String get(String name) {
        return exact.get(name);
    }

    @Override
    public String getIgnoringCase(String name) {
        return upperCased.get(GoText.toUpper(name));
    }
}
