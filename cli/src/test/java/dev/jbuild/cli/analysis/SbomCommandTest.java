package dev.jbuild.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jbuild sbom} on a debootstrap Debian base and on an image with Python, Node and Java packages:
 * golden files for the Debian base, and the package set checked against {@code @cyclonedx/cdxgen} run on
 * the same image's exported root filesystem, every difference explained.
 */
class SbomCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path GOLDEN = Path.of("src/test/resources/sbom");

    @TempDir
    static Path root;
    static CliHarness cli;

    @BeforeAll
    static void importTheDebianBase() throws Exception {
        cli = new CliHarness(root);
        cli.ok("import", TestTools.debianRoot().toString(), "debian:bookworm");
    }

    private static JsonNode sbom(String image, String format) throws IOException {
        return JSON.readTree(cli.ok("sbom", "--format", format, image).out());
    }

    /** A component without what changes with the day the base was made: versions, layer digests. */
    private static ObjectNode stable(JsonNode component) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", component.get("name").asText());
        out.put("purl", component.get("purl").asText().replaceAll("@[^?#]*", "@VERSION"));
        out.set("licenses", component.path("licenses"));
        ArrayNode properties = out.putArray("properties");
        for (JsonNode property : component.path("properties")) {
            if (!property.get("name").asText().equals("jbuild:layer:diff_id")) {
                properties.add(property);
            }
        }
        return out;
    }

    private static void golden(String name, JsonNode actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        String text = JSON.writeValueAsString(actual) + "\n";
        if (Boolean.getBoolean("jbuild.updateGolden") || !Files.exists(file)) {
            Files.writeString(file, text);
        }
        assertEquals(Files.readString(file), text, "golden file " + file
                + " (regenerate with -Djbuild.updateGolden=true after checking the difference)");
    }

    @Test
    void theDebianBaseMatchesItsGoldenCycloneDxAndSpdxDocuments() throws IOException {
        JsonNode cdx = sbom("debian:bookworm", "cyclonedx-json");
        assertEquals("CycloneDX", cdx.get("bomFormat").asText());
        assertEquals("1.6", cdx.get("specVersion").asText());
        ArrayNode components = JSON.createArrayNode();
        cdx.get("components").forEach(component -> components.add(stable(component)));
        golden("debian-bookworm.cdx.json", components);

        JsonNode spdx = sbom("debian:bookworm", "spdx-json");
        assertEquals("SPDX-2.3", spdx.get("spdxVersion").asText());
        TreeMap<String, String> packages = new TreeMap<>();
        for (JsonNode pkg : spdx.get("packages")) {
            String purl = "";
            for (JsonNode ref : pkg.path("externalRefs")) {
                purl = ref.get("referenceLocator").asText().replaceAll("@[^?#]*", "@VERSION");
            }
            packages.put(pkg.get("name").asText(), purl);
        }
        packages.remove("debian:bookworm");
        golden("debian-bookworm.spdx-names.json", JSON.valueToTree(packages));
        assertEquals(cdx.get("components").size(), packages.size());
    }

    @Test
    void everyDebianPackageComesFromTheBaseLayerAndHasItsLicences() throws IOException {
        JsonNode cdx = sbom("debian:bookworm", "cyclonedx-json");
        for (JsonNode component : cdx.get("components")) {
            assertTrue(component.get("purl").asText().startsWith("pkg:deb/debian/"), component.toString());
            assertTrue(component.get("purl").asText().contains("distro=debian-12"), component.toString());
            assertEquals("0", property(component, "jbuild:layer:index"), component.toString());
        }
        JsonNode bash = find(cdx, "bash");
        assertTrue(bash.get("licenses").toString().contains("GPL-3+"), bash.toString());
    }

    @Test
    void aPackageInstalledByALaterLayerIsAttributedToIt() throws IOException {
        Path context = cli.context("dpkg-layer", "FROM debian:bookworm\n"
                + "RUN printf 'Package: jbuild-probe\\nStatus: install ok installed\\nVersion: 1.0-1\\n"
                + "Architecture: all\\n\\n' >> /var/lib/dpkg/status\n");
        cli.ok("build", "-q", "-t", "probe", context.toString());
        JsonNode cdx = sbom("probe", "cyclonedx-json");
        assertEquals("1", property(find(cdx, "jbuild-probe"), "jbuild:layer:index"));
        assertEquals("0", property(find(cdx, "bash"), "jbuild:layer:index"));
        assertTrue(property(find(cdx, "jbuild-probe"), "jbuild:layer:created_by").startsWith("RUN "));
    }

    @Test
    void theDebianPackageSetAgreesWithCdxgen() throws Exception {
        Path cdxgen = TestTools.cdxgen();
        Path tar = root.resolve("debian-rootfs.tar");
        cli.ok("export", "debian:bookworm", "-o", tar.toString());
        Path rootfs = Files.createDirectories(root.resolve("debian-rootfs"));
        TestTools.run(List.of("tar", "-C", rootfs.toString(), "-xf", tar.toString()), 300);
        Path out = root.resolve("cdxgen.json");
        TestTools.run(List.of("env", "FETCH_LICENSE=false", cdxgen.toString(), "-t", "rootfs", rootfs.toString(),
                "-o", out.toString()), 900);
        Set<String> theirs = new TreeSet<>();
        for (JsonNode component : JSON.readTree(out.toFile()).get("components")) {
            String purl = component.path("purl").asText("");
            if (purl.startsWith("pkg:deb/")) {
                theirs.add(nameAtVersion(purl));
            }
        }
        Set<String> ours = new TreeSet<>();
        sbom("debian:bookworm", "cyclonedx-json").get("components")
                .forEach(c -> ours.add(nameAtVersion(c.get("purl").asText())));
        Set<String> missing = new TreeSet<>(ours);
        missing.removeAll(theirs);
        assertEquals(Set.of(), missing, "every package jbuild lists, cdxgen lists too");
        // cdxgen also lists each binary package's source package as a component of its own (glibc for
        // libc6, gcc-12 for libgcc-s1...). Those, and only those, are the difference.
        Set<String> sources = sourcePackages(TestTools.debianRoot().resolve("var/lib/dpkg/status"));
        Set<String> extra = new TreeSet<>(theirs);
        extra.removeAll(ours);
        Set<String> unexplained = new TreeSet<>(extra);
        unexplained.removeAll(sources);
        assertEquals(Set.of(), unexplained, "cdxgen's extra components are source packages: " + extra);
    }

    @Test
    void pythonNodeAndJavaPackagesAreFoundWithTheLayerThatAddedThem() throws IOException {
        Path context = cli.context("languages", "FROM busybox\nCOPY app /app\n",
                "app/lib/python3/site-packages/requests-2.31.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n\nbody\n",
                "app/lib/python3/site-packages/six-1.16.0.egg-info/PKG-INFO",
                "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n",
                "app/node_modules/left-pad/package.json", "{\"name\":\"left-pad\",\"version\":\"1.3.0\",\"license\":\"WTFPL\"}",
                "app/node_modules/@types/node/package.json", "{\"name\":\"@types/node\",\"version\":\"20.1.0\",\"license\":\"MIT\"}");
        cli.importBusybox();
        writeJar(context.resolve("app/lib/guava.jar"), "com.google.guava", "guava", "33.0.0-jre");
        cli.ok("build", "-q", "-t", "languages", context.toString());
        JsonNode cdx = sbom("languages", "cyclonedx-json");
        Map<String, String> purls = new TreeMap<>();
        cdx.get("components").forEach(c -> purls.put(c.get("name").asText(), c.get("purl").asText()));
        assertEquals(Map.of("requests", "pkg:pypi/requests@2.31.0", "six", "pkg:pypi/six@1.16.0",
                "left-pad", "pkg:npm/left-pad@1.3.0", "node", "pkg:npm/%40types/node@20.1.0",
                "guava", "pkg:maven/com.google.guava/guava@33.0.0-jre"), purls);
        for (JsonNode component : cdx.get("components")) {
            assertEquals("1", property(component, "jbuild:layer:index"), component.toString());
            assertEquals("COPY app /app # buildkit", property(component, "jbuild:layer:created_by"));
        }
        assertEquals("[{\"license\":{\"name\":\"WTFPL\"}}]", find(cdx, "left-pad").get("licenses").toString());
    }

    @Test
    void buildWithSbomStoresItAndSbomPrintsTheStoredDocument() throws IOException {
        cli.importBusyboxIfMissing();
        Path context = cli.context("stored", "FROM debian:bookworm\nLABEL sbom=stored\n");
        cli.ok("build", "-q", "--sbom", "-t", "stored", context.toString());
        String stored = cli.ok("sbom", "stored").out();
        assertEquals(stored, cli.ok("sbom", "stored").out());
        assertTrue(JSON.readTree(stored).get("components").size() > 50);
        assertTrue(JSON.readTree(stored).get("components").equals(
                JSON.readTree(cli.ok("sbom", "--rescan", "stored").out()).get("components")),
                "the stored SBOM lists what a scan lists");
        assertEquals("stored:latest", JSON.readTree(stored).get("metadata").get("component").get("name").asText());
    }

    @Test
    void anUnknownFormatIsOneLine() {
        InProcessCli.Result result = cli.run("sbom", "--format", "xml", "debian:bookworm");
        assertEquals(1, result.exit());
        assertEquals("jbuild: unknown SBOM format 'xml': use cyclonedx-json or spdx-json\n", result.err());
    }

    private static String property(JsonNode component, String name) {
        for (JsonNode property : component.path("properties")) {
            if (property.get("name").asText().equals(name)) {
                return property.get("value").asText();
            }
        }
        return null;
    }

    private static JsonNode find(JsonNode cdx, String name) {
        for (JsonNode component : cdx.get("components")) {
            if (component.get("name").asText().equals(name)) {
                return component;
            }
        }
        throw new AssertionError("no component " + name);
    }

    /** {@code name@version} of a purl, percent-decoding the version (cdxgen leaves ':' of an epoch as it is). */
    private static String nameAtVersion(String purl) {
        String path = purl.split("[?#]")[0];
        String last = path.substring(path.lastIndexOf('/') + 1);
        return URLDecoder.decode(last, StandardCharsets.UTF_8);
    }

    /** The {@code name@version} of every source package the status file's binaries name. */
    private static Set<String> sourcePackages(Path status) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String stanza : Files.readString(status).split("\n\n")) {
            String name = null;
            String version = null;
            String source = null;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("Package: ")) {
                    name = line.substring(9).trim();
                } else if (line.startsWith("Version: ")) {
                    version = line.substring(9).trim();
                } else if (line.startsWith("Source: ")) {
                    source = line.substring(8).trim();
                }
            }
            if (name == null) {
                continue;
            }
            String sourceName = source == null ? name : source.split(" ")[0];
            String sourceVersion = source != null && source.contains("(") ? source.replaceAll(".*\\((.*)\\).*", "$1")
                    : version;
            out.add(sourceName + "@" + sourceVersion);
        }
        return out;
    }

    private static void writeJar(Path jar, String group, String artifact, String version) throws IOException {
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
            zip.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

}
