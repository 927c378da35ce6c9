package dev.jbuild.store;

import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Artifacts that refer to an image (OCI 1.1 {@code subject}): its SBOM, later its signatures as
 * referrers. {@code referrers/<subject manifest hex>/<artifact manifest hex>} names each one; the
 * artifact's manifest, empty config and layers are ordinary blobs, so save, a future push and prune
 * treat them as they treat any blob. They live as long as the image they refer to.
 */
public final class Referrers {
    private final Path dir;
    private final BlobStore blobs;

    Referrers(Path dir, BlobStore blobs) {
        this.dir = dir;
        this.blobs = blobs;
    }

    /**
     * Stores an artifact referring to {@code subject}: its layer blobs (already in the store), the empty
     * config and the manifest, then the reference. Returns the manifest's descriptor.
     */
    public Descriptor add(ArtifactManifest artifact) throws IOException {
        blobs.put(ArtifactManifest.EMPTY_CONFIG, MediaTypes.OCI_EMPTY);
        Descriptor manifest = blobs.put(artifact.toJson(), MediaTypes.OCI_MANIFEST);
        register(artifact.subject().digest(), manifest.digest(), artifact.artifactType());
        return manifest;
    }

    /**
     * Registers an artifact whose manifest (and every blob it names) is already in the store, as
     * {@code load} does with the bytes the archive had, so that their digests, and any signature of
     * them, stay what they were.
     */
    public void register(Digest subject, Digest artifactManifest, String artifactType) throws IOException {
        if (!blobs.has(artifactManifest)) {
            throw new BlobNotFoundException(artifactManifest);
        }
        Path subjectDir = Files.createDirectories(dir.resolve(subject.hex()));
        Path temp = subjectDir.resolve(".tmp-" + artifactManifest.hex());
        Files.writeString(temp, artifactType);
        Files.move(temp, subjectDir.resolve(artifactManifest.hex()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The artifacts referring to the image with this manifest digest, as stored. */
    public List<ArtifactManifest> of(Digest subject) throws IOException {
        List<ArtifactManifest> out = new ArrayList<>();
        for (Digest manifest : manifests(subject)) {
            try {
                ArtifactManifest artifact = ArtifactManifest.parseOrNull(blobs.read(manifest));
                if (artifact != null) {
                    out.add(artifact);
                }
            } catch (BlobNotFoundException e) {
                // pruned meanwhile
            }
        }
        return out;
    }

    /** The manifest digests of the artifacts referring to {@code subject}. */
    public List<Digest> manifests(Digest subject) throws IOException {
        Path subjectDir = dir.resolve(subject.hex());
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(subjectDir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(subjectDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Digest.isHex(name)) {
                    out.add(Digest.ofHex(name));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Every subject with referrers. */
    List<Digest> subjects() throws IOException {
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path subject : (Iterable<Path>) dirs::iterator) {
                if (Digest.isHex(subject.getFileName().toString())) {
                    out.add(Digest.ofHex(subject.getFileName().toString()));
                }
            }
        }
        return out;
    }

    /** Forgets the referrers of a subject that is gone (prune's part). */
    void forget(Digest subject) throws IOException {
        dev.jbuild.platform.FileTrees.delete(dir.resolve(subject.hex()));
    }
}
