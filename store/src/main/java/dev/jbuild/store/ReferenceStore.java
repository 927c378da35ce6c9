package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Reference;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference table: which names (full normalised references such as
 * {@code docker.io/library/busybox:latest} or {@code localhost:5000/app@sha256:...}) point at which
 * image manifest. A reference with both tag and digest is stored by its digest.
 */
public final class ReferenceStore {
    private final TableFile table;
    private final BlobStore blobs;

    ReferenceStore(TableFile table, BlobStore blobs) {
        this.table = table;
        this.blobs = blobs;
    }

    /**
     * Points {@code ref} at an image manifest already in the store (replacing what it named before,
     * which stays as an untagged image until pruned, as in Docker).
     *
     * @throws ImageNotFoundException when the manifest is not an image of this store
     */
    public void tag(Reference ref, Digest manifest) throws IOException {
        tag(ref, manifest, null);
    }

    /** Like {@link #tag(Reference, Digest)}, the reference also reaching the platforms of {@code index} (or none). */
    void tag(Reference ref, Digest manifest, PulledIndex index) throws IOException {
        table.update(current -> {
            if (!current.images().contains(manifest) || !blobs.has(manifest)) {
                throw new ImageNotFoundException(manifest.value());
            }
            StoreTable tagged = current.withReference(ref, manifest);
            return index == null ? tagged : tagged.withIndex(ref, index);
        });
    }

    /** The manifest a reference names (a tagless one means {@code :latest}). */
    public Optional<Digest> resolve(Reference ref) throws IOException {
        Reference tagged = ref.isTagged() || ref.isDigested() ? ref : ref.withTag(Reference.DEFAULT_TAG);
        return Optional.ofNullable(table.read().references().get(StoreTable.key(tagged)));
    }

    /** Removes a reference; false when it did not exist. The image itself stays. */
    public boolean remove(Reference ref) throws IOException {
        boolean[] existed = {false};
        table.update(current -> {
            existed[0] = current.references().containsKey(StoreTable.key(ref));
            return current.withoutReference(ref);
        });
        return existed[0];
    }

    /** Every reference and its manifest digest, in order of the full reference string. */
    public Map<Reference, Digest> list() throws IOException {
        Map<Reference, Digest> out = new LinkedHashMap<>();
        table.read().references().forEach((key, digest) -> out.put(Reference.parseNormalized(key), digest));
        return out;
    }

    /** The references that name this manifest. */
    public List<Reference> referencesTo(Digest manifest) throws IOException {
        return table.read().referencesTo(manifest);
    }
}
