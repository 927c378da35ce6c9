package dev.jbuild.analysis.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Distribution packages: Debian/Ubuntu's dpkg status and Alpine's apk installed database, each package
 * with the layer that added it: the lowest layer from which on every version of the database lists
 * the package at its present version.
 */
final class OsPackages {
    static final String DPKG_STATUS = "/var/lib/dpkg/status";
    static final String APK_INSTALLED = "/lib/apk/db/installed";

    private OsPackages() {
    }

    /** The dpkg packages of the image: {@code status} the final database, {@code versions} each layer's copy of it. */
    static List<FoundPackage> dpkg(Path rootfs, String status, Map<Integer, String> versions, OsRelease os) {
        String namespace = os.id().isEmpty() ? "debian" : os.id();
        Map<String, Integer> layers = attribution(versions, false, "Package", "Version");
        List<FoundPackage> out = new ArrayList<>();
        for (Map<String, String> stanza : ControlRecords.parse(status, false)) {
            String state = stanza.getOrDefault("Status", "");
            if (!state.endsWith(" installed")) {
                continue;
            }
            String name = stanza.get("Package");
            String version = stanza.get("Version");
            String arch = stanza.get("Architecture");
            if (name == null) {
                continue;
            }
            String purl = PackageUrls.of("deb", namespace, name, version, "arch", arch, "distro", os.distro());
            out.add(new FoundPackage("deb", null, name, version, purl, debianLicenses(rootfs, name),
                    layers.getOrDefault(name + "\u0000" + version, -1), DPKG_STATUS));
        }
        return out;
    }

    static List<FoundPackage> apk(String installed, Map<Integer, String> versions, OsRelease os) {
        Map<String, Integer> layers = attribution(versions, true, "P", "V");
        List<FoundPackage> out = new ArrayList<>();
        for (Map<String, String> record : ControlRecords.parse(installed, true)) {
            String name = record.get("P");
            if (name == null) {
                continue;
            }
            String version = record.get("V");
            String purl = PackageUrls.of("apk", os.id().isEmpty() ? "alpine" : os.id(), name, version,
                    "arch", record.get("A"), "distro", os.distro());
            List<String> licenses = record.containsKey("L") ? List.of(record.get("L")) : List.of();
            out.add(new FoundPackage("apk", null, name, version, purl, licenses,
                    layers.getOrDefault(name + "\u0000" + version, -1), APK_INSTALLED));
        }
        return out;
    }

    /** name NUL version → the layer from which on it has been listed at that version. */
    private static Map<String, Integer> attribution(Map<Integer, String> versions, boolean apk, String nameField,
                                                    String versionField) {
        Map<String, Integer> since = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> copy : versions.entrySet()) { // ascending layer order
            Set<String> listed = new LinkedHashSet<>();
            for (Map<String, String> stanza : ControlRecords.parse(copy.getValue(), apk)) {
                if (stanza.get(nameField) != null
                        && (apk || stanza.getOrDefault("Status", "").endsWith(" installed"))) {
                    listed.add(stanza.get(nameField) + "\u0000" + stanza.get(versionField));
                }
            }
            since.keySet().retainAll(listed);
            for (String key : listed) {
                since.putIfAbsent(key, copy.getKey());
            }
        }
        return since;
    }

    /** The {@code License:} short names of a machine-readable Debian copyright file, in order, once each. */
    static List<String> debianLicenses(Path rootfs, String packageName) {
        Path copyright = rootfs.resolve("usr/share/doc").resolve(packageName).resolve("copyright");
        Set<String> out = new LinkedHashSet<>();
        try {
            if (!Files.isRegularFile(copyright) || Files.size(copyright) > (4 << 20)) {
                return List.of();
            }
            String text = new String(Files.readAllBytes(copyright), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("License:")) {
                    String name = line.substring("License:".length()).trim();
                    if (!name.isEmpty()) {
                        out.add(name);
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.copyOf(out);
    }
}
