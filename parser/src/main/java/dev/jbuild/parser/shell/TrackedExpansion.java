package dev.jbuild.parser.shell;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Single-word expansion with both sides of the lookup record (BuildKit's
 * {@code ProcessWordWithMatches}): {@code matched} are the names that were set, which the
 * builder needs to know which build arguments an instruction used.
 */
public record TrackedExpansion(String value, Set<String> matched, Set<String> unmatched) {
    public TrackedExpansion {
        Objects.requireNonNull(value, "value");
        matched = Collections.unmodifiableSet(new LinkedHashSet<>(matched));
        unmatched = Collections.unmodifiableSet(new LinkedHashSet<>(unmatched));
    }

    public Expansion toExpansion() {
        return new Expansion(value, unmatched);
    }
}
