package dev.jbuild.transfer;

import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The artifacts that refer to a saved image (its SBOM), written into the archive next to it. Each is
 * written with its {@code subject} set to the manifest the archive holds for the image (which differs
 * from the stored one when the layers are written compressed), so that it refers to what a reader of
 * the archive sees; it is listed in {@code index.json} like any manifest, and a signed save signs it.
 */
final class ReferrerArtifacts {
    private ReferrerArtifacts() {
    }

    /**
     * Adds the image's artifacts to {@code entries}.
     *
     * @return each artifact as a saved "image" (its manifest, the image's tags), for the index and signing
     */
    static List<SavedImage> add(ImageStore store, ImageRecord image, SavedImage saved, ArchiveEntries entries)
            throws IOException {
        List<SavedImage> out = new ArrayList<>();
        Descriptor subject = new Descriptor(saved.manifest().mediaType(), saved.manifest().digest(),
                saved.manifest().size());
        for (ArtifactManifest artifact : store.referrers().of(image.manifestDigest())) {
            artifact.layers().forEach(entries::addStoredBlob);
            entries.addBlob(ArtifactManifest.EMPTY_CONFIG);
            byte[] json = new ArtifactManifest(artifact.artifactType(), artifact.layers(), subject,
                    artifact.annotations()).toJson();
            Digest digest = entries.addBlob(json);
            Descriptor manifest = new Descriptor(MediaTypes.OCI_MANIFEST, digest, json.length);
            out.add(new SavedImage(ArtifactManifest.EMPTY_DESCRIPTOR.digest(), saved.tags(), manifest,
                    ArtifactManifest.EMPTY_DESCRIPTOR, artifact.layers(), null));
        }
        return out;
    }
}
