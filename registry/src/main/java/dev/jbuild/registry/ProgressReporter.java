package dev.jbuild.registry;

import dev.jbuild.imagespec.Digest;
import java.util.function.LongConsumer;

/** Turns byte counts of one blob into at most one event per 100 ms (and one for the end). */
final class ProgressReporter implements LongConsumer {
    private static final long INTERVAL_NANOS = 100_000_000L;
    private final TransferListener listener;
    private final Digest digest;
    private final TransferEvent.Phase phase;
    private final long total;
    private long last = System.nanoTime() - INTERVAL_NANOS;

    ProgressReporter(TransferListener listener, Digest digest, TransferEvent.Phase phase, long total) {
        this.listener = listener;
        this.digest = digest;
        this.phase = phase;
        this.total = total;
    }

    @Override
    public void accept(long done) {
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS || done == total) {
            last = now;
            listener.on(new TransferEvent.Blob(digest, phase, done, total));
        }
    }
}
