package dev.jbuild.analysis.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Language packages found by their metadata files: Python {@code *.dist-info/METADATA} and
 * {@code *.egg-info/PKG-INFO}, Node {@code node_modules/**}{@code /package.json}, Java
 * {@code META-INF/maven/**}{@code /pom.properties} inside jars (not jars nested in jars).
 */
final class LanguagePackages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LanguagePackages() {
    }

    /** The package a file of the image stands for, if it is one of the metadata files; else an empty list. */
    static List<FoundPackage> of(Path file, String imagePath) throws IOException {
        String name = file.getFileName().toString();
        String parent = file.getParent() == null || file.getParent().getFileName() == null ? ""
                : file.getParent().getFileName().toString();
        if ((name.equals("METADATA") && parent.endsWith(".dist-info"))
                || (name.equals("PKG-INFO") && parent.endsWith(".egg-info"))) {
            return python(file, imagePath);
        }
        if (name.endsWith(".egg-info") && Files.isRegularFile(file)) {
            return python(file, imagePath);
        }
        if (name.equals("package.json") && isNodeModule(file)) {
            return node(file, imagePath);
        }
        if (name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear")) {
            return java(file, imagePath);
        }
        return List.of();
    }

    private static List<FoundPackage> python(Path file, String imagePath) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String header = text.split("\n\n", 2)[0];
        String name = null;
        String version = null;
        Set<String> licenses = new LinkedHashSet<>();
        for (String line : header.split("\n")) {
            if (line.startsWith("Name: ")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("Version: ")) {
                version = line.substring(9).trim();
            } else if (line.startsWith("License-Expression: ")) {
                licenses.add(line.substring(20).trim());
            } else if (line.startsWith("License: ") && !line.substring(9).isBlank() && line.length() < 120) {
                licenses.add(line.substring(9).trim());
            } else if (line.startsWith("Classifier: License :: ")) {
                String[] parts = line.split(" :: ");
                licenses.add(parts[parts.length - 1].trim());
            }
        }
        if (name == null) {
            return List.of();
        }
        String normalized = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
        return List.of(new FoundPackage("pypi", null, name, version, PackageUrls.of("pypi", null, normalized, version),
                new ArrayList<>(licenses), -1, imagePath));
    }

    /** {@code .../node_modules/NAME/package.json} or {@code .../node_modules/@SCOPE/NAME/package.json}. */
    private static boolean isNodeModule(Path file) {
        Path dir = file.getParent();
        if (dir == null || dir.getParent() == null || dir.getParent().getFileName() == null) {
            return false;
        }
        String up = dir.getParent().getFileName().toString();
        if (up.equals("node_modules")) {
            return true;
        }
        Path scope = dir.getParent().getParent();
        return up.startsWith("@") && scope != null && scope.getFileName() != null
                && scope.getFileName().toString().equals("node_modules");
    }

    private static List<FoundPackage> node(Path file, String imagePath) throws IOException {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return List.of(); // not JSON: not a package
        }
        String fullName = json.path("name").asText("");
        String version = json.path("version").asText("");
        if (fullName.isEmpty() || version.isEmpty()) {
            return List.of();
        }
        String scope = null;
        String name = fullName;
        if (fullName.startsWith("@") && fullName.contains("/")) {
            scope = fullName.substring(0, fullName.indexOf('/'));
            name = fullName.substring(fullName.indexOf('/') + 1);
        }
        List<String> licenses = new ArrayList<>();
        JsonNode license = json.get("license");
        if (license != null && license.isTextual()) {
            licenses.add(license.asText());
        } else if (license != null && license.has("type")) {
            licenses.add(license.get("type").asText());
        } else if (json.path("licenses").isArray()) {
            json.get("licenses").forEach(l -> licenses.add(l.path("type").asText(l.asText())));
        }
        return List.of(new FoundPackage("npm", scope, name, version, PackageUrls.of("npm", scope, name, version),
                licenses, -1, imagePath));
    }

    private static List<FoundPackage> java(Path file, String imagePath) {
        List<FoundPackage> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith("META-INF/maven/") || !entry.getName().endsWith("/pom.properties")) {
                    continue;
                }
                Properties properties = new Properties();
                try (InputStream in = zip.getInputStream(entry)) {
                    properties.load(in);
                }
                String group = properties.getProperty("groupId");
                String artifact = properties.getProperty("artifactId");
                String version = properties.getProperty("version");
                if (group != null && artifact != null) {
                    out.add(new FoundPackage("maven", group, artifact, version,
                            PackageUrls.of("maven", group, artifact, version), List.of(), -1, imagePath));
                }
            }
        } catch (IOException e) {
            return List.of(); // not a readable zip: not a package
        }
        return out;
    }

}
