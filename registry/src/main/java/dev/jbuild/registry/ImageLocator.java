package dev.jbuild.registry;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.platform.TaskFailures;
import dev.jbuild.store.PlatformMatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * The first half of a pull, which needs no store: the manifest of a reference from the first of its
 * endpoints (mirrors, then the registry) that serves it, an index resolved to a platform, and a
 * manifest that is no image refused. {@link ImagePuller} does the rest.
 */
public final class ImageLocator {
    private static final String ATTESTATION_ANNOTATION = "vnd.docker.reference.type";

    private final Registries registries;
    private final TransferListener listener;

    public ImageLocator(Registries registries, TransferListener listener) {
        this.registries = registries;
        this.listener = listener;
    }

    /**
     * An image manifest found: the client that served it, the reference asked for, the document the
     * reference names (an index, or the manifest itself) and the image manifest with its media type.
     *
     * @param skipped index entries that are no image (attestations, artifacts), as the pull lists them
     * @param fromIndex the index entry the image was chosen by, or null when the reference names the image itself
     */
    public record Located(RegistryClient client, Reference reference, RegistryClient.FetchedManifest top,
                          RegistryClient.FetchedManifest image, String mediaType, List<String> skipped,
                          IndexEntry fromIndex) {
        public Located {
            skipped = List.copyOf(skipped);
        }
    }

    /** The entry of an index ({@code top}, of media type {@code indexMediaType}) an image was chosen by. */
    public record IndexEntry(String indexMediaType, Descriptor entry) {
    }

    /** A {@link #locate} running on a thread of its own. */
    public static final class Pending {
        private final FutureTask<Located> task;

        private Pending(FutureTask<Located> task) {
            this.task = task;
        }

        /** Waits for it; throws what {@link #locate} threw. */
        public Located join() throws IOException {
            return TaskFailures.await(task, "fetching the manifest");
        }

        /** Stops it if it still runs (the command failed before it needed the manifest). */
        public void cancel() {
            task.cancel(true);
        }
    }

    /**
     * Starts {@link #locate} on a thread of its own, for a command that has other work to do first
     * (opening the store) that does not need the manifest.
     */
    public Pending start(Reference reference, Platform platform) {
        FutureTask<Located> task = new FutureTask<>(() -> locate(reference, platform));
        Thread thread = new Thread(task, "jbuild-locate");
        thread.setDaemon(true); // never keeps the process alive: a command that failed does not wait for it
        thread.start();
        return new Pending(task);
    }

    /**
     * @param platform the platform an index is resolved to
     * @throws NotFoundInRegistryException no such repository, tag or digest
     * @throws UnsupportedManifestException a schema 1 manifest, an artifact, an index without the platform
     */
    public Located locate(Reference reference, Platform platform) throws IOException {
        String name = reference.familiarString();
        String tagOrDigest = reference.isDigested() ? reference.digest().value() : reference.tag();
        RegistryException lastMirrorFailure = null;
        List<RegistryClient> clients = registries.forPull(reference.domain());
        for (int i = 0; i < clients.size(); i++) {
            RegistryClient client = clients.get(i);
            boolean last = i == clients.size() - 1;
            RegistryClient.FetchedManifest top;
            try {
                top = client.manifest(reference.path(), tagOrDigest);
            } catch (RegistryException e) {
                if (last) {
                    throw lastMirrorFailure != null && e instanceof RegistryUnreachableException ? lastMirrorFailure : e;
                }
                lastMirrorFailure = e;
                continue; // a mirror that cannot serve it: the next one, then the registry itself
            }
            return resolve(client, reference, name, top, platform);
        }
        throw new IllegalStateException("no endpoint for " + name);
    }

    private Located resolve(RegistryClient client, Reference reference, String name,
                            RegistryClient.FetchedManifest top, Platform platform) throws IOException {
        List<String> skipped = new ArrayList<>();
        RegistryClient.FetchedManifest image = top;
        ManifestKinds.Classified kind = ManifestKinds.classify(top.bytes(), top.mediaType());
        IndexEntry fromIndex = null;
        if (kind.kind() == ManifestKinds.Kind.INDEX) {
            Descriptor chosen = choose(Index.parse(top.bytes()), platform, name, skipped);
            fromIndex = new IndexEntry(kind.mediaType(), chosen);
            image = client.manifest(reference.path(), chosen.digest().value());
            kind = ManifestKinds.classify(image.bytes(), chosen.mediaType());
        }
        switch (kind.kind()) {
            case SCHEMA1 -> throw new UnsupportedManifestException(name + " is an image manifest of schema 1 ("
                    + kind.mediaType() + "), which Docker deprecated and jbuild does not pull; push it again with a "
                    + "current Docker or skopeo");
            case ARTIFACT -> throw new UnsupportedManifestException(name + " is an OCI artifact of type '"
                    + kind.artifactType() + "', not an image; nothing was pulled");
            case INDEX -> throw new UnsupportedManifestException(name + ": an index inside an index is not an image");
            case IMAGE -> { }
        }
        listener.on(new TransferEvent.Notice(reference.isDigested() ? name : name + ": Pulling from "
                + reference.repository().familiarName()));
        return new Located(client, reference, top, image, kind.mediaType(), skipped, fromIndex);
    }

    /** The index entry for {@code platform}; attestations and other artifacts are listed as skipped. */
    private Descriptor choose(Index index, Platform platform, String name, List<String> skipped) {
        Descriptor chosen = null;
        List<String> available = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            Platform p = entry.platform();
            boolean attestation = entry.annotations().containsKey(ATTESTATION_ANNOTATION)
                    || (p != null && p.os().equals("unknown"));
            if (attestation || !MediaTypes.isManifest(entry.mediaType())) {
                String line = entry.digest().shortId() + " (" + (attestation ? "attestation"
                        : entry.mediaType().isEmpty() ? "artifact" : entry.mediaType()) + ")";
                skipped.add(line);
                listener.on(new TransferEvent.Notice("skipping " + line + ": not an image"));
                continue;
            }
            if (p == null) {
                continue;
            }
            available.add(p.toString());
            if (chosen == null && PlatformMatch.matches(p, platform)) {
                chosen = entry;
            }
        }
        if (chosen == null) {
            throw new UnsupportedManifestException(name + " has no image for " + platform + " (it has "
                    + (available.isEmpty() ? "none" : String.join(", ", available)) + "); pick one with --platform");
        }
        return chosen;
    }
}
