package dev.jbuild.platform;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What a task run on another thread threw, thrown again on the thread that waited for it. */
public final class TaskFailures {
    private TaskFailures() {
    }

    /**
     * The task's result; its own exception when it failed (see {@link #rethrow}), so that it reaches the
     * CLI's error mapping unchanged. An interruption of the waiting thread, or a cancelled task, is an
     * {@link InterruptedIOException} that says what was waited for.
     *
     * @param what what is waited for, as in "interrupted while {@code what}"
     */
    public static <T> T await(Future<T> task, String what) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        } catch (CancellationException e) {
            throw new InterruptedIOException("cancelled while " + what);
        } catch (ExecutionException e) {
            rethrow(e.getCause());
            throw new AssertionError(e); // rethrow always throws
        }
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
