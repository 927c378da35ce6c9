package dev.jbuild.parser.shell;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stage's variables in declaration order, with their size kept up to date as they change, so that a
 * Dockerfile whose variables grow past {@link ExpansionLimits#MAX_ENVIRONMENT} stops at the line that did it
 * (without adding the whole map up again at every line).
 */
public final class SizedVariables {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> view = Collections.unmodifiableMap(values);
    private long size;

    /** Thrown by {@link #put} when the variables would grow too large; the caller names the line. */
    public static final class TooLargeException extends RuntimeException {
        TooLargeException(String message) {
            super(message, null, false, false);
        }
    }

    public SizedVariables() {
    }

    public SizedVariables(Map<String, String> initial) {
        initial.forEach(this::put);
    }

    /** Sets {@code name}; a null value removes it. */
    public void put(String name, String value) {
        if (value == null) {
            remove(name);
            return;
        }
        String old = values.get(name);
        long next = size + value.length() - (old == null ? -name.length() : old.length());
        String tooLarge = ExpansionLimits.environmentTooLarge(next);
        if (tooLarge != null) {
            throw new TooLargeException(tooLarge);
        }
        values.put(name, value);
        size = next;
    }

    public void remove(String name) {
        String old = values.remove(name);
        if (old != null) {
            size -= name.length() + old.length();
        }
    }

    public String get(String name) {
        return values.get(name);
    }

    /** A read-only view, for lookups while expanding. */
    public Map<String, String> asMap() {
        return view;
    }
}
