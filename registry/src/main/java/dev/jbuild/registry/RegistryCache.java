package dev.jbuild.registry;

import dev.jbuild.builder.cache.CacheTransport;
import dev.jbuild.store.BlobCorruptedException;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code --cache-to/--cache-from type=registry,ref=REPO:TAG}: the shared build cache as an OCI
 * artifact in a registry repository. Blobs go up the way image blobs do (HEAD, mount, upload), the
 * manifest last; blobs come down verified against their digest while they stream into the store.
 */
public final class RegistryCache implements CacheTransport {
    private final Reference ref;
    private final Registries registries;
    private final TransferListener listener;

    public RegistryCache(Reference ref, Registries registries, TransferListener listener) {
        this.ref = ref.isTagged() || ref.isDigested() ? ref : ref.withTag(Reference.DEFAULT_TAG);
        this.registries = registries;
        this.listener = listener;
    }

    @Override
    public String describe() {
        return "registry " + ref.familiarString();
    }

    @Override
    public Optional<byte[]> readManifest() throws IOException {
        try {
            return Optional.of(client().manifest(ref.path(), tagOrDigest()).bytes());
        } catch (NotFoundInRegistryException e) {
            return Optional.empty();
        }
    }

    @Override
    public void fetchBlob(Descriptor blob, ImageStore store) throws IOException {
        try (InputStream in = client().blob(ref.path(), blob, n -> { })) {
            store.blobs().put(in, blob.mediaType(), blob.digest(), blob.size());
        } catch (BlobCorruptedException e) {
            throw new BlobMismatchException("blob " + blob.digest() + " of " + describe() + " is not what its digest "
                    + "says: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(List<Descriptor> blobs, byte[] manifest, ImageStore store) throws IOException {
        RegistryClient client = client();
        new BlobPusher(store, registries.settings(), listener).pushAll(client, ref.path(), blobs, 0);
        client.putManifest(ref.path(), tagOrDigest(), MediaTypes.OCI_MANIFEST, manifest);
    }

    private RegistryClient client() throws IOException {
        return registries.forPush(ref.domain());
    }

    private String tagOrDigest() {
        return ref.isDigested() ? ref.digest().value() : ref.tag();
    }
}
