package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.GoTime;
import dev.jbuild.imagespec.HealthConfig;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.RootFs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
    // printf 'layer0' | sha256sum ; printf 'layer1' | sha256sum
    static final Digest L0 = Digest.ofHex("4fbec69b941195fd56f8212a5000e304129451d82efca94ff0e0fb2d5355472e");
    static final Digest L1 = Digest.ofHex("77ea7eee3d80b1a38f83906dd3048e2689457eb90e18a7d12f839c5ae37106a2");

    /** Written by hand from the image-spec and BuildKit's output; digest by {@code printf '%s' "$json" | sha256sum}. */
    static final String GOLDEN_JSON = "{\"architecture\":\"amd64\",\"author\":\"jbuild test\",\"config\":{\"User\":\"app\","
            + "\"ExposedPorts\":{\"80/tcp\":{},\"8080/tcp\":{}},\"Env\":[\"PATH=/usr/bin\",\"A=b\"],"
            + "\"Entrypoint\":[\"/bin/sh\",\"-c\"],\"Cmd\":[\"echo a \\u0026\\u0026 b \\u003cc\\u003e\"],"
            + "\"Volumes\":{\"/data\":{}},\"WorkingDir\":\"/srv\",\"Labels\":{\"a\":\"2\",\"z\":\"1\"},"
            + "\"StopSignal\":\"SIGTERM\",\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000,"
            + "\"Retries\":3}},\"created\":\"2024-01-02T03:04:05.5Z\",\"history\":[{\"created\":\"2024-01-02T03:04:05Z\","
            + "\"created_by\":\"ADD rootfs /\",\"comment\":\"buildkit.dockerfile.v0\"},{\"created\":\"2024-01-02T03:04:05Z\","
            + "\"created_by\":\"ENV A=b\",\"comment\":\"buildkit.dockerfile.v0\",\"empty_layer\":true}],\"os\":\"linux\","
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + L0.hex() + "\",\"sha256:" + L1.hex() + "\"]}}";
    static final String GOLDEN_DIGEST = "sha256:941c44c99b0478ec7b101c03030d3a1ac78dbb6a269da14398c1a46a05e97e1b";

    static ImageConfig goldenConfig() {
        Instant created = Instant.parse("2024-01-02T03:04:05Z");
        ContainerConfig run = ContainerConfig.EMPTY
                .withUser("app")
                .withExposedPorts(List.of("8080/tcp", "80/tcp"))
                .withEnv(List.of("PATH=/usr/bin", "A=b"))
                .withEntrypoint(List.of("/bin/sh", "-c"))
                .withCmd(List.of("echo a && b <c>"))
                .withVolumes(List.of("/data"))
                .withWorkingDir("/srv")
                .withLabels(Map.of("z", "1", "a", "2"))
                .withStopSignal("SIGTERM")
                .withHealthcheck(new HealthConfig(List.of("CMD-SHELL", "true"), Duration.ofSeconds(30), null, null,
                        null, 3));
        return ImageConfig.empty(new Platform("amd64", "linux"))
                .withCreated(created.plusMillis(500))
                .withAuthor("jbuild test")
                .withConfig(run)
                .withLayer(L0, new HistoryEntry(created, "ADD rootfs /", "", "buildkit.dockerfile.v0", false))
                .withHistoryEntry(new HistoryEntry(created, "ENV A=b", "", "buildkit.dockerfile.v0", true))
                .withRootFs(RootFs.of(List.of(L0, L1)));
    }

    @Test
    void configSerialisesToTheGoldenBytesAndDigest() {
        ImageConfig config = goldenConfig();
        assertEquals(GOLDEN_JSON, new String(config.toJson(), StandardCharsets.UTF_8));
        assertEquals(GOLDEN_DIGEST, config.digest().value());
        assertEquals(GOLDEN_DIGEST, goldenConfig().digest().value(), "same config, same digest, every time");
    }

    @Test
    void parsingTheGoldenBytesGivesBackTheSameConfig() {
        ImageConfig parsed = ImageConfig.parse(GOLDEN_JSON.getBytes(StandardCharsets.UTF_8));
        assertEquals(goldenConfig(), parsed);
        assertEquals(GOLDEN_JSON, new String(parsed.toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void dockerWrittenConfigIsReadLenientlyIgnoringUnknownFields() {
        String docker = """
                {"architecture":"arm64","variant":"v8","config":{"Hostname":"","Domainname":"","User":"",
                "AttachStdin":false,"Env":["PATH=/bin"],"Cmd":["sh"],"Image":"sha256:abc","Volumes":null,
                "WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null,"ArgsEscaped":true},
                "container":"0123","container_config":{"Cmd":["/bin/sh","-c","#(nop) CMD [\\"sh\\"]"]},
                "created":"2023-05-19T20:19:24.121624817+02:00","docker_version":"20.10.23",
                "history":[{"created":"2023-05-19T20:19:23.94Z","created_by":"/bin/sh -c #(nop) ADD file:1 in / "},
                {"created":"2023-05-19T20:19:24.121624817Z","created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]",
                "empty_layer":true}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"unknown":{"x":1}}
                """.formatted(L0.hex());
        ImageConfig config = ImageConfig.parse(docker.getBytes(StandardCharsets.UTF_8));
        assertEquals("arm64", config.architecture());
        assertEquals("v8", config.platform().variant());
        assertEquals(Instant.parse("2023-05-19T18:19:24.121624817Z"), config.created());
        assertEquals(List.of("sh"), config.config().cmd());
        assertEquals(List.of("PATH=/bin"), config.config().env());
        assertTrue(config.config().argsEscaped());
        assertTrue(config.config().entrypoint().isEmpty());
        assertEquals(List.of(L0), config.diffIds());
        assertEquals(2, config.history().size());
        assertTrue(config.history().get(1).emptyLayer());
        assertEquals("/bin/sh -c #(nop) ADD file:1 in / ", config.history().get(0).createdBy());
    }

    @Test
    void configWithNullConfigAndNoHistoryParses() {
        ImageConfig config = ImageConfig.parse(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":null,"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8));
        assertEquals(ContainerConfig.EMPTY, config.config());
        assertNull(config.created());
        assertEquals("{\"architecture\":\"amd64\",\"config\":{},\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]}}", new String(config.toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void malformedJsonIsAnInvalidImageException() {
        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> ImageConfig.parse("{\"os\":".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("invalid image config: "), e.getMessage());
        assertThrows(InvalidImageException.class, () -> ImageConfig.parse("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidImageException.class, () -> ImageConfig.parse(
                "{\"rootfs\":{\"diff_ids\":[\"md5:x\"]}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void manifestRoundTripsInImageSpecFieldOrder() {
        Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, L0, 123);
        Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER_GZIP, L1, 456, Map.of("b", "2", "a", "1"), null);
        Manifest manifest = Manifest.oci(config, List.of(layer));
        String json = new String(manifest.toJson(), StandardCharsets.UTF_8);
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + L0
                + "\",\"size\":123},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + L1 + "\",\"size\":456,\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}]}", json);
        assertEquals(manifest, Manifest.parse(manifest.toJson()));
    }

    @Test
    void aForeignLayersUrlsSurviveParsingAndWriting() {
        String layer = "{\"mediaType\":\"" + MediaTypes.DOCKER_FOREIGN_LAYER_GZIP + "\",\"digest\":\"" + L1
                + "\",\"size\":456,\"urls\":[\"https://a.example/l\",\"https://b.example/l\"],"
                + "\"annotations\":{\"a\":\"1\"}}";
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + L0 + "\",\"size\":123},"
                + "\"layers\":[" + layer + "]}";
        Manifest manifest = Manifest.parse(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("https://a.example/l", "https://b.example/l"), manifest.layers().get(0).urls());
        assertEquals(json, new String(Manifest.oci(manifest.config(), manifest.layers()).toJson(), StandardCharsets.UTF_8),
                "a manifest rebuilt over the parsed layers writes them as they were, in the image-spec's field order");
    }

    @Test
    void dockerSchema2ManifestParses() {
        String docker = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"size\":1469,\"digest\":\"" + L0 + "\"},"
                + "\"layers\":[{\"mediaType\":\"" + MediaTypes.DOCKER_LAYER_GZIP + "\",\"size\":2,\"digest\":\""
                + L1 + "\"}]}";
        Manifest manifest = Manifest.parse(docker.getBytes(StandardCharsets.UTF_8));
        assertEquals(MediaTypes.DOCKER_MANIFEST, manifest.mediaType());
        assertEquals(L0, manifest.config().digest());
        assertEquals(Compression.GZIP, MediaTypes.layerCompression(manifest.layers().get(0).mediaType()));
    }

    @Test
    void manifestWithWrongSchemaVersionOrAnIndexIsRefused() {
        assertEquals("invalid image manifest: schemaVersion 1 is not 2", assertThrows(InvalidImageException.class,
                () -> Manifest.parse("{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertThrows(InvalidImageException.class, () -> Manifest.parse(("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void indexCarriesPlatformsAndRefNameAnnotations() {
        Descriptor amd = new Descriptor(MediaTypes.OCI_MANIFEST, L0, 10, Map.of(Index.REF_NAME, "latest"),
                new Platform("amd64", "linux"));
        Index index = Index.oci(List.of(amd));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + L0 + "\",\"size\":10,"
                + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"},\"platform\":{\"architecture\":"
                + "\"amd64\",\"os\":\"linux\"}}]}", new String(index.toJson(), StandardCharsets.UTF_8));
        assertEquals(index, Index.parse(index.toJson()));
    }

    @Test
    void goTimeTrimsFractionZerosLikeRfc3339Nano() {
        assertEquals("2024-01-02T03:04:05Z", GoTime.format(Instant.parse("2024-01-02T03:04:05Z")));
        assertEquals("2024-01-02T03:04:05.1Z", GoTime.format(Instant.parse("2024-01-02T03:04:05.100Z")));
        assertEquals("2024-01-02T03:04:05.000000001Z", GoTime.format(Instant.parse("2024-01-02T03:04:05.000000001Z")));
    }

    @Test
    void canonicalJsonEscapesLikeGoAndIndentsLikeMarshalIndent() {
        var obj = CanonicalJson.object();
        obj.put("s", "tab\t nl\n ctl\u0001 amp& ls\u2028 quote\" back\\ é");
        obj.putArray("empty");
        obj.putObject("nested").put("n", 1);
        assertEquals("{\"s\":\"tab\\t nl\\n ctl\\u0001 amp\\u0026 ls\\u2028 quote\\\" back\\\\ é\",\"empty\":[],"
                + "\"nested\":{\"n\":1}}", CanonicalJson.write(obj));
        assertEquals("{\n    \"s\": \"tab\\t nl\\n ctl\\u0001 amp\\u0026 ls\\u2028 quote\\\" back\\\\ é\",\n"
                + "    \"empty\": [],\n    \"nested\": {\n        \"n\": 1\n    }\n}", CanonicalJson.indent(obj, "    "));
    }

    @Test
    void envEditsBehaveLikeDockerEnv() {
        ContainerConfig run = ContainerConfig.EMPTY.withEnv(List.of("A=1", "B=2"));
        assertEquals(List.of("A=3", "B=2"), run.withEnvVariable("A", "3").env());
        assertEquals(List.of("A=1", "B=2", "C=x y"), run.withEnvVariable("C", "x y").env());
        assertEquals("2", run.envValue("B"));
        assertNull(run.envValue("Z"));
    }
}
