package dev.jbuild.analysis.sbom;

import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An SBOM kept with its image: an OCI 1.1 artifact (artifactType the SBOM's media type, one layer the
 * document) whose subject is the image's manifest, stored as ordinary blobs and registered as a referrer
 * of the image, so that {@code save} carries it and a push can send it as a referrer.
 */
public final class SbomArtifacts {
    private SbomArtifacts() {
    }

    /** Stores {@code document} as the image's SBOM in {@code format}. */
    public static Descriptor attach(ImageStore store, ImageRecord image, SbomFormat format, byte[] document)
            throws IOException {
        Descriptor blob = store.blobs().put(document, format.mediaType());
        Descriptor subject = new Descriptor(MediaTypes.OCI_MANIFEST, image.manifestDigest(),
                store.blobs().size(image.manifestDigest()));
        return store.referrers().add(new ArtifactManifest(format.mediaType(), List.of(blob), subject, Map.of()));
    }

    /** The SBOM stored with the image in {@code format}, if there is one. */
    public static Optional<byte[]> find(ImageStore store, ImageRecord image, SbomFormat format) throws IOException {
        for (ArtifactManifest artifact : store.referrers().of(image.manifestDigest())) {
            if (artifact.artifactType().equals(format.mediaType()) && artifact.layers().size() == 1) {
                return Optional.of(store.blobs().read(artifact.layers().get(0).digest()));
            }
        }
        return Optional.empty();
    }

    /**
     * A written SBOM and what its scan could not read.
     *
     * @param warnings one line each (an RPM database that is not read)
     */
    public record Generated(byte[] document, List<String> warnings) {
        public Generated {
            warnings = List.copyOf(warnings);
        }
    }

    /** Scans the image and writes its SBOM in {@code format}. */
    public static Generated generate(dev.jbuild.analysis.ImageInput input, SbomFormat format) throws IOException {
        Sbom sbom = SbomScanner.scan(input);
        java.time.Instant created = input.image().config().created();
        byte[] document = format == SbomFormat.SPDX_JSON ? SpdxWriter.write(sbom, created)
                : CycloneDxWriter.write(sbom, created);
        return new Generated(document, sbom.warnings());
    }
}
