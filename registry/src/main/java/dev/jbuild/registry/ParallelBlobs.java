package dev.jbuild.registry;

import dev.jbuild.platform.TaskFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one task per blob, at most {@code parallel} at a time (Docker moves 3 at once); the first failure
 * cancels the rest and is what the caller sees.
 */
final class ParallelBlobs {
    /** One blob's work. */
    @FunctionalInterface
    interface Task {
        void run() throws IOException;
    }

    private ParallelBlobs() {
    }

    static void run(List<Task> tasks, int parallel) throws IOException {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, tasks.size()), runnable -> {
            Thread thread = new Thread(runnable, "jbuild-blob");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    task.run();
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                TaskFailures.await(future, "moving blobs"); // a failure leaves through the finally, which stops the rest
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
