package dev.jbuild.analysis.sbom;

import java.util.List;
import java.util.Objects;

/**
 * A package found in an image.
 *
 * @param ecosystem {@code deb}, {@code apk}, {@code pypi}, {@code npm} or {@code maven} (the purl type)
 * @param group the Maven group, the npm scope; null otherwise
 * @param purl the package URL (purl spec)
 * @param licenses licence names or SPDX expressions as the package database records them; may be empty
 * @param layer the index of the layer that added the package (bottom 0); -1 when unknown
 * @param source where it was read ({@code /var/lib/dpkg/status}, {@code /app/node_modules/x/package.json})
 */
public record FoundPackage(String ecosystem, String group, String name, String version, String purl,
                           List<String> licenses, int layer, String source) {
    public FoundPackage {
        Objects.requireNonNull(ecosystem, "ecosystem");
        Objects.requireNonNull(name, "name");
        version = version == null ? "" : version;
        licenses = List.copyOf(licenses);
    }

    public FoundPackage withLayer(int value) {
        return new FoundPackage(ecosystem, group, name, version, purl, licenses, value, source);
    }
}
