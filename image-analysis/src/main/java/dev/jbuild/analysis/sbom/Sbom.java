package dev.jbuild.analysis.sbom;

import dev.jbuild.imagespec.Digest;
import java.util.List;

/**
 * The packages of one image.
 *
 * @param layers the image's diff IDs, bottom first (what {@link FoundPackage#layer()} indexes)
 * @param createdBy the history text of each layer
 * @param distro {@code debian-12}, {@code alpine-3.19}, or empty
 * @param warnings what could not be read, one line each (an RPM database)
 */
public record Sbom(String imageName, Digest imageId, List<Digest> layers, List<String> createdBy, String distro,
                   List<FoundPackage> packages, List<String> warnings) {
    public Sbom {
        layers = List.copyOf(layers);
        createdBy = List.copyOf(createdBy);
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
    }
}
