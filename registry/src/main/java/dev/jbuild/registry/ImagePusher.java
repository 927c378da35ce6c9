package dev.jbuild.registry;

import dev.jbuild.store.Compression;
import dev.jbuild.store.Descriptor;
import dev.jbuild.store.Digest;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.MediaTypes;
import dev.jbuild.store.Reference;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code push}: an image of the store to a registry. Each blob is asked for first (HEAD) and not sent
 * when the repository has it; a blob that another repository of the same registry is known to hold is
 * mounted from there; the rest are uploaded (in one PUT, or in chunks), a few at a time, each tried
 * again from the start when its upload fails. The manifest goes last, so a push that dies midway
 * never leaves a tag that points at missing blobs. Layers the store holds uncompressed are sent
 * compressed (gzip unless asked otherwise, compressed once and cached); non-distributable layers are
 * left to the URLs the manifest gives for them.
 */
public final class ImagePusher {
    private final ImageStore store;
    private final Registries registries;
    private final TransferListener listener;
    private final BlobSources sources;

    public ImagePusher(ImageStore store, Registries registries, TransferListener listener) {
        this.store = store;
        this.registries = registries;
        this.listener = listener;
        this.sources = new BlobSources(store.root());
    }

    /**
     * Pushes the store's image {@code source} (a name, reference or ID) as {@code target}.
     *
     * @throws dev.jbuild.store.ImageNotFoundException when the store has no such image
     */
    public PushResult push(String source, Reference target, PushOptions options) throws IOException {
        ImageRecord image = store.image(source);
        Reference ref = target.isTagged() || target.isDigested() ? target : target.withTag(Reference.DEFAULT_TAG);
        RegistryClient client = registries.forPush(ref.domain());
        String repository = ref.path();
        listener.on(new TransferEvent.Notice("The push refers to repository [" + ref.repository().familiarName() + "]"));

        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < image.manifest().layers().size(); i++) {
            Descriptor stored = image.manifest().layers().get(i);
            boolean plain = MediaTypes.layerCompression(stored.mediaType()) == Compression.NONE;
            layers.add(plain && !isForeign(stored) && options.compression() != Compression.NONE
                    ? store.compressedCache().variant(stored, image.diffIds().get(i), options.compression()) : stored);
        }
        ImageStore.OutgoingManifest manifest = store.outgoingManifest(image, layers);

        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        for (Descriptor layer : layers) {
            if (isForeign(layer)) {
                listener.on(new TransferEvent.Blob(layer.digest(), TransferEvent.Phase.SKIPPED, 0, layer.size()));
            } else {
                blobs.putIfAbsent(layer.digest(), layer);
            }
        }
        blobs.putIfAbsent(image.id(), image.manifest().config());
        AtomicInteger uploaded = new AtomicInteger();
        AtomicInteger mounted = new AtomicInteger();
        AtomicInteger existing = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<ParallelBlobs.Task> tasks = new ArrayList<>();
        for (Descriptor blob : blobs.values()) {
            listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.WAITING, 0, blob.size()));
            tasks.add(() -> {
                switch (pushBlob(client, repository, blob, options)) {
                    case UPLOADED -> {
                        uploaded.incrementAndGet();
                        bytes.addAndGet(blob.size());
                    }
                    case MOUNTED -> mounted.incrementAndGet();
                    case EXISTED -> existing.incrementAndGet();
                }
            });
        }
        ParallelBlobs.run(tasks, registries.settings().parallelTransfers());
        String tagOrDigest = ref.isTagged() ? ref.tag() : manifest.digest().value();
        Digest digest = client.putManifest(repository, tagOrDigest, manifest.mediaType(), manifest.bytes());
        listener.on(new TransferEvent.Notice((ref.isTagged() ? ref.tag() : "digest") + ": digest: " + digest + " size: "
                + manifest.bytes().length));
        return new PushResult(ref, digest, manifest.bytes().length, uploaded.get(), mounted.get(), existing.get(),
                bytes.get());
    }

    private enum Outcome { UPLOADED, MOUNTED, EXISTED }

    /** HEAD, else mount, else upload; a failed upload starts again, up to the retry policy's count. */
    private Outcome pushBlob(RegistryClient client, String repository, Descriptor blob, PushOptions options)
            throws IOException {
        RegistrySettings.RetryPolicy retry = registries.settings().retry();
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = tryPushBlob(client, repository, blob, options);
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

    private Outcome tryPushBlob(RegistryClient client, String repository, Descriptor blob, PushOptions options)
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
        client.upload(repository, location.get(), blob, store.blobs().path(blob.digest()), options.chunkSize(),
                progress);
        listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.PUSHED, blob.size(), blob.size()));
        return Outcome.UPLOADED;
    }

    private static boolean isForeign(Descriptor layer) {
        return layer.mediaType().contains("nondistributable") || layer.mediaType().contains(".foreign.");
    }
}
