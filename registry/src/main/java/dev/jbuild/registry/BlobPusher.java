package dev.jbuild.registry;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
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
        return pushAll(client, repository, blobs, chunkSize, java.util.Map.of());
    }

    /** @param outside blobs that are not in the store (sealed layers), by digest: the files they are in */
    Counts pushAll(RegistryClient client, String repository, List<Descriptor> blobs, long chunkSize,
                   java.util.Map<dev.jbuild.imagespec.Digest, java.nio.file.Path> outside) throws IOException {
        AtomicInteger uploaded = new AtomicInteger();
        AtomicInteger mounted = new AtomicInteger();
        AtomicInteger existing = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<ParallelBlobs.Task> tasks = new ArrayList<>();
        for (Descriptor blob : blobs) {
            listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.WAITING, 0, blob.size()));
            tasks.add(() -> {
                switch (pushBlob(client, repository, blob, chunkSize, outside.get(blob.digest()))) {
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

    /**
     * HEAD, else mount, else upload; an upload that fails for a reason that may pass (a dropped
     * connection, a 5xx, a 429, an upload session the registry lost) starts again from the HEAD, after
     * the wait the registry asked for or the policy's backoff, up to the policy's count of attempts.
     */
    private Outcome pushBlob(RegistryClient client, String repository, Descriptor blob, long chunkSize,
                             java.nio.file.Path file) throws IOException {
        RegistrySettings.RetryPolicy retry = settings.retry();
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = tryPushBlob(client, repository, blob, chunkSize, file);
                sources.record(blob.digest(), client.registry(), repository);
                return outcome;
            } catch (FailedUpload failed) {
                RegistryException e = failed.cause();
                if (!passing(e)) {
                    throw e;
                }
                if (attempt >= retry.attempts()) {
                    throw spent(e, client, repository, blob, attempt);
                }
                retry.pause(attempt, e instanceof RegistryProtocolException p ? p.retryAfter() : null,
                        client.registry());
            }
        }
    }

    /**
     * An upload's own requests are not retried one by one (a registry that failed a PUT may have dropped
     * the session): the whole blob starts again. HEAD and POST are retried where they are sent.
     */
    private static final class FailedUpload extends RuntimeException {
        FailedUpload(RegistryException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        RegistryException cause() {
            return (RegistryException) getCause();
        }
    }

    private static boolean passing(RegistryException e) {
        if (e instanceof RegistryUnreachableException || e instanceof NotFoundInRegistryException) {
            return true; // a dropped connection, or an upload session the registry lost
        }
        return e instanceof RegistryProtocolException p && (StatusText.isTransient(p.status()) || p.status() == 404);
    }

    /** The one line for a blob whose every attempt failed. */
    private static RegistryException spent(RegistryException last, RegistryClient client, String repository,
                                           Descriptor blob, int attempts) {
        boolean status = last instanceof RegistryProtocolException p && p.status() > 0;
        String reason = status ? StatusText.of(((RegistryProtocolException) last).status())
                : HttpTransport.rootMessage(last);
        String message = "pushing blob " + blob.digest().shortId() + " to " + client.registry() + "/" + repository
                + " failed " + attempts + " times (the last time: " + reason + "); the registry is overloaded or "
                + "failing, or the connection is unreliable: try again later";
        return last instanceof RegistryProtocolException p
                ? new RegistryProtocolException(message, p.status(), p.retryAfter())
                : new RegistryUnreachableException(message, last);
    }

    private Outcome tryPushBlob(RegistryClient client, String repository, Descriptor blob, long chunkSize,
                                java.nio.file.Path file) throws IOException {
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
        try {
            client.upload(repository, location.get(), blob, file != null ? file : store.blobs().path(blob.digest()),
                    chunkSize, progress);
        } catch (RegistryUnreachableException | RegistryProtocolException | NotFoundInRegistryException e) {
            throw new FailedUpload(e);
        }
        listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.PUSHED, blob.size(), blob.size()));
        return Outcome.UPLOADED;
    }

}
