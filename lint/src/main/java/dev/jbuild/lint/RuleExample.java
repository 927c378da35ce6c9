package dev.jbuild.lint;

import java.util.List;

/**
 * A Dockerfile shown in a rule's documentation, and run by the tests: a bad example must trigger the rule
 * on exactly {@code lines}, a good one ({@code lines} empty) must not trigger it.
 */
public record RuleExample(String dockerfile, List<Integer> lines) {
    public RuleExample {
        lines = List.copyOf(lines);
    }

    public boolean isBad() {
        return !lines.isEmpty();
    }
}
