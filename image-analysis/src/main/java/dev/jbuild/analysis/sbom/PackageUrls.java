package dev.jbuild.analysis.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.TreeMap;

/** Package URLs by the purl spec's reference implementation; null when the parts do not make one. */
final class PackageUrls {
    private PackageUrls() {
    }

    static String of(String type, String namespace, String name, String version, String... qualifiers) {
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < qualifiers.length; i += 2) {
            if (qualifiers[i + 1] != null && !qualifiers[i + 1].isEmpty()) {
                map.put(qualifiers[i], qualifiers[i + 1]);
            }
        }
        try {
            return new PackageURL(type, namespace, name, version == null || version.isEmpty() ? null : version,
                    map.isEmpty() ? null : map, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }
}
