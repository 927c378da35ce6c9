package dev.jbuild.analysis.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code /etc/os-release} (or {@code /usr/lib/os-release}): the distribution's ID and version for purls. */
record OsRelease(String id, String versionId) {
    static OsRelease read(Path rootfs) {
        for (String file : new String[] {"etc/os-release", "usr/lib/os-release"}) {
            Path path = rootfs.resolve(file);
            try {
                if (!Files.isRegularFile(path) || Files.isSymbolicLink(path)) {
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
                    }
                }
                return new OsRelease(values.getOrDefault("ID", ""), values.getOrDefault("VERSION_ID", ""));
            } catch (IOException e) {
                // try the other file
            }
        }
        return new OsRelease("", "");
    }

    /** {@code debian-12}, as purls' {@code distro} qualifier names it; empty when unknown. */
    String distro() {
        return id.isEmpty() ? "" : versionId.isEmpty() ? id : id + "-" + versionId;
    }
}
