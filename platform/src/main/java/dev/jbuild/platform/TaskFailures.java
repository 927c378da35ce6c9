package dev.jbuild.platform;

import java.io.IOException;

/** What a task run on another thread threw, thrown again on the thread that waited for it. */
public final class TaskFailures {
    private TaskFailures() {
    }

    /**
     * Throws {@code failure} as the task threw it: an I/O error, an unchecked exception or an error as
     * itself; any other checked exception (none of jbuild's tasks declares one) inside an IOException.
     */
    public static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IOException(failure);
    }
}
