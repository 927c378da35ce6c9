package dev.jbuild.executor;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo actions registered while a step is set up, run in reverse order on close. Every action runs
 * even if an earlier one failed; the first failure is thrown with the others suppressed. Closing
 * twice does nothing, so a shutdown hook and the step's own thread may both close.
 */
final class Cleanups implements AutoCloseable {

    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    private final Deque<Action> actions = new ArrayDeque<>();
    private boolean closed;

    synchronized void add(Action action) {
        if (closed) {
            throw new IllegalStateException("cleanups already ran");
        }
        actions.push(action);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        FirstFailure failures = new FirstFailure();
        while (!actions.isEmpty()) {
            try {
                actions.pop().run();
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }
        failures.rethrow();
    }
}
