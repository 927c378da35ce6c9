package dev.jbuild.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work done on another thread, whose failure is thrown here as it was thrown there. */
final class Futures {
    private Futures() {
    }

    /**
     * The result; the work's own exception when it failed, so that it reaches the CLI's error mapping
     * unchanged.
     *
     * @param what what is waited for, as an interruption says it
     */
    static <T> T await(Future<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        } catch (CancellationException e) {
            throw new InterruptedIOException("cancelled while " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }
}
