package dev.jbuild.parser.shell;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Result of single-word expansion; {@code unmatched} holds the names referenced but unset, in
 * the order they were looked up (it feeds the UndefinedVar lint).
 */
public record Expansion(String value, Set<String> unmatched) {
    public Expansion {
        Objects.requireNonNull(value, "value");
        unmatched = Collections.unmodifiableSet(new LinkedHashSet<>(unmatched));
    }
}
