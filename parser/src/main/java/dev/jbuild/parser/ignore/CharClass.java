package dev.jbuild.parser.ignore;

import java.util.Arrays;

/**
 * A bracket expression such as {@code [a-z]} or {@code [^0-9]}, with Go {@code filepath.Match}
 * meaning: it matches exactly one character, and — unlike {@code ?} and {@code *} — that character
 * may be '/'. A range whose low end is above its high end is legal and matches nothing.
 */
final class CharClass implements GlobTerm {
    private final boolean negated;
    /** Inclusive code-point bounds as pairs: low0, high0, low1, high1, … */
    private final int[] bounds;

    CharClass(boolean negated, int[] bounds) {
        if (bounds.length == 0 || bounds.length % 2 != 0) {
            throw new IllegalArgumentException("a character class needs at least one range");
        }
        this.negated = negated;
        this.bounds = bounds.clone();
    }

    boolean matches(int codePoint) {
        boolean inAnyRange = false;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] <= codePoint && codePoint <= bounds[i + 1]) {
                inAnyRange = true;
                break;
            }
        }
        return inAnyRange != negated;
    }

    /** False only for classes such as {@code [z-a]} that no character can satisfy. */
    boolean canMatchSomething() {
        if (negated) {
            return true;
        }
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CharClass that && negated == that.negated && Arrays.equals(bounds, that.bounds);
    }

    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(negated) + Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(negated ? "[^" : "[");
        for (int i = 0; i < bounds.length; i += 2) {
            text.appendCodePoint(bounds[i]);
            if (bounds[i] != bounds[i + 1]) {
                text.append('-').appendCodePoint(bounds[i + 1]);
            }
        }
        return text.append(']').toString();
    }
}
