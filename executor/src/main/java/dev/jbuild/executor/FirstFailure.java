package dev.jbuild.executor;

import java.io.IOException;

/**
 * The failures of a run of actions that must all run (undoing a step's setup, a DEL to every CNI plugin):
 * the first is thrown at the end with the later ones suppressed on it. An {@link ExecutorException} keeps
 * its type, since its message is the user's line; any other unchecked failure is reported as an I/O error.
 */
final class FirstFailure {
    private Exception first;

    void add(Exception failure) {
        if (first == null) {
            first = failure instanceof IOException || failure instanceof ExecutorException ? failure
                    : new IOException(failure.getMessage(), failure);
        } else {
            first.addSuppressed(failure);
        }
    }

    /** Throws the first failure added, if any. */
    void rethrow() throws IOException {
        if (first instanceof ExecutorException executor) {
            throw executor;
        }
        if (first != null) {
            throw (IOException) first;
        }
    }
}
