package dev.jbuild.registry;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts blobs of the store into a registry repository, a few at a time: HEAD first (a blob the
 * repository has is not sent), then a cross-repository mount when another repository of the registry
 * is known to hold it, else an upload, started again from scratch when it fails. For images and for
 * the shared build cache alike.
 */
final class BlobPusher {
    private final ImageStore store;
    private final RegistrySettings settings;
    private final TransferListener listener;
    private final BlobSources sources;

    /** What happened to the blobs of one call. */
    record Counts(int uploaded, int mounted, int existing, long bytes) {
    }

    BlobPusher(ImageStore store, RegistrySettings settings, TransferListener listener) {
        this.store = store;
        this.settings = settings;
        this.listener = listener;
        this.sources = new BlobSources(store.layout());
    }

    Counts pushAll(RegistryClient client, String repository, List<Descriptor> blobs, long chunkSize)
            throws IOException {
        AtomicInteger uploaded = new AtomicInteger();
        AtomicInteger mounted = new AtomicInteger();
        AtomicInteger existing = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<ParallelBlobs.Task> tasks = new ArrayList<>();
        for (Descriptor blob : blobs) {
            listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.WAITING, 0, blob.size()));
            tasks.add(() -> {
                switch (pushBlob(client, repository, blob, chunkSize)) {
                    case UPLOADED -> {
                        uploaded.incrementAndGet();
                        bytes.addAndGet(blob.size());
                    }
                    case MOUNTED -> mounted.incrementAndGet();
                    case EXISTED -> existing.incrementAndGet();
                }
            });
        }
        ParallelBlobs.run(tasks, settings.parallelTransfers());
        return new Counts(uploaded.get(), mounted.get(), existing.get(), bytes.get());
    }

    private enum Outcome { UPLOADED, MOUNTED, EXISTED }

    /** HEAD, else mount, else upload; a failed upload starts again, up to the retry policy's count. */
    private Outcome pushBlob(RegistryClient client, String repository, Descriptor blob, long chunkSize)
            throws IOException {
        RegistrySettings.RetryPolicy retry = settings.retry();
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = tryPushBlob(client, repository, blob, chunkSize);
                sources.record(blob.digest(), client.registry(), repository);
                return outcome;
            } catch (RegistryUnreachableException | RegistryProtocolException e) {
                boolean serverSide = !(e instanceof RegistryProtocolException p) || p.status() >= 500 || p.status() == 404;
                if (!serverSide || attempt >= retry.attempts()) {
                    throw e;
                }
                try {
                    Thread.sleep(retry.delay(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while pushing");
                }
            }
        }
    }

    private Outcome tryPushBlob(RegistryClient client, String repository, Descriptor blob, long chunkSize)
            throws IOException {
        List<String> scopes = RegistryClient.push(repository);
        if (client.hasBlob(repository, blob.digest(), scopes)) {
            listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.EXISTS, blob.size(), blob.size()));
            return Outcome.EXISTED;
        }
        String from = sources.mountSource(blob.digest(), client.registry(), repository);
        java.util.Optional<String> location = client.startUpload(repository, blob.digest(), from);
        if (location.isEmpty()) {
            listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.MOUNTED, blob.size(), blob.size()));
            return Outcome.MOUNTED;
        }
        ProgressReporter progress = new ProgressReporter(listener, blob.digest(), TransferEvent.Phase.UPLOADING,
                blob.size());
        client.upload(repository, location.get(), blob, store.blobs().path(blob.digest()), chunkSize,
                progress);
        listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.PUSHED, blob.size(), blob.size()));
        return Outcome.UPLOADED;
    }

}
