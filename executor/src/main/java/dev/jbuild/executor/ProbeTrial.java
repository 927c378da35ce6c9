package dev.jbuild.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Probes candidates in order of preference until one works (a runtime, a network provider), keeping why
 * each one before it was passed over: the chosen one's reason names them, and when none works the error
 * lists them all.
 */
final class ProbeTrial<T> {
    private final List<String> failures = new ArrayList<>();

    /**
     * @param probe null when the candidate works, else why not
     * @return the first candidate that works, or null when none does
     */
    T firstWorking(List<T> candidates, Function<T, String> name, Function<T, String> probe) {
        for (T candidate : candidates) {
            String failure = probe.apply(candidate);
            if (failure == null) {
                return candidate;
            }
            failures.add(name.apply(candidate) + ": " + failure);
        }
        return null;
    }

    /** {@code "; skipped <name>: <why>; ..."} for the candidates passed over, or nothing. */
    String skipped() {
        return failures.isEmpty() ? "" : "; skipped " + failures();
    }

    /** Each candidate passed over, with why, separated by {@code "; "}. */
    String failures() {
        return String.join("; ", failures);
    }
}
