package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildCancelledException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/** The finished image of each stage, for stages that build FROM it or copy and mount from it. */
public final class StageResults {
    private final Map<Integer, CompletableFuture<ImageState>> results = new ConcurrentHashMap<>();

    private CompletableFuture<ImageState> future(int stage) {
        return results.computeIfAbsent(stage, i -> new CompletableFuture<>());
    }

    public void complete(int stage, ImageState image) {
        future(stage).complete(image);
    }

    public void fail(int stage, Throwable error) {
        future(stage).completeExceptionally(error);
    }

    /** Waits for a stage; a failed stage makes the waiter stop too (its own error is reported by its stage). */
    public ImageState await(int stage) throws InterruptedException {
        try {
            return future(stage).get();
        } catch (ExecutionException e) {
            throw new BuildCancelledException("stage " + stage + " failed");
        }
    }
}
