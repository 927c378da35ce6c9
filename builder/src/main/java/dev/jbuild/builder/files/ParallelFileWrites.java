package dev.jbuild.builder.files;

import dev.jbuild.platform.TaskFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the regular files of a large copy on two threads. Copying a context of thousands of files is
 * mostly system calls and the kernel moving bytes, one file after the other on one core; a second
 * thread halves that on a two-core runner. Small copies run in line: threads would cost more than
 * they save.
 *
 * <p>The caller creates directories (in order) before submitting the files inside them, and calls
 * {@link #awaitAll} before it sets directory times or anything else that needs every file written.
 */
final class ParallelFileWrites implements AutoCloseable {
    /** Below this many entries a copy runs on the calling thread. */
    static final int PARALLEL_FROM = 256;
    private static final int THREADS = 2;

    /** One file's write. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private final ExecutorService pool;
    private final List<Future<?>> pending = new ArrayList<>();

    private ParallelFileWrites(ExecutorService pool) {
        this.pool = pool;
    }

    static ParallelFileWrites forEntries(int entries) {
        if (entries < PARALLEL_FROM) {
            return new ParallelFileWrites(null);
        }
        return new ParallelFileWrites(Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "jbuild-copy");
            thread.setDaemon(true);
            return thread;
        }));
    }

    void submit(Write write) throws IOException {
        if (pool == null) {
            write.run();
            return;
        }
        pending.add(pool.submit(() -> {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }));
    }

    /** Waits for every submitted write; the first failure is thrown, as it was thrown, once all have stopped. */
    void awaitAll() throws IOException {
        Throwable first = null;
        for (Future<?> write : pending) {
            try {
                write.get();
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while copying");
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
                }
            }
        }
        pending.clear();
        if (first != null) {
            TaskFailures.rethrow(first);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
