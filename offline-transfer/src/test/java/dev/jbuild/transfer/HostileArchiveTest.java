package dev.jbuild.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import dev.jbuild.transfer.CraftedImages.Entry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of crafted archives: each is refused with its own message, the store's files are exactly
 * what they were, and nothing appeared outside the store (the canary paths the archives aim at
 * stay absent). A small expansion limit keeps the bombs small.
 */
class HostileArchiveTest {
    /** Paths the hostile entries aim at, outside everything the test owns. */
    private static final String CANARY = "/tmp/jbuild-hostile-canary-" + UUID.randomUUID();
    private static final ExpansionLimit SMALL_LIMIT = new ExpansionLimit(100, 1 << 20);

    @TempDir
    Path scratch;
    ImageStore store;

    @BeforeEach
    void open() throws IOException {
        store = ImageStore.open(scratch.resolve("store"));
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    /** Builds the archive bytes. */
    @FunctionalInterface
    interface Craft {
        byte[] archive() throws IOException;
    }

    private static Arguments refused(String name, Craft craft, String messagePattern) {
        return Arguments.of(Named.of(name, craft), messagePattern);
    }

    private static byte[] good() throws IOException {
        return ArchiveFiles.write(goodFiles());
    }

    private static Map<String, byte[]> goodFiles() throws IOException {
        return CraftedImages.archive("app:1", List.of(
                CraftedImages.layer(Entry.directory("etc/"), Entry.file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")),
                CraftedImages.layer(Entry.file("etc/motd", "hello\n"))));
    }

    /** The good archive plus extra raw entries before manifest.json. */
    private static byte[] withExtraEntries(TarArchiveEntry... extra) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (TarArchiveEntry entry : extra) {
            entries.add(entry);
            contents.add(entry.isFile() ? Archives.utf8("x") : null);
        }
        goodFiles().forEach((name, bytes) -> {
            entries.add(Archives.file(name));
            contents.add(bytes);
        });
        return ArchiveFiles.write(entries, contents);
    }

    private static TarArchiveEntry link(String name, byte type, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        return entry;
    }

    private static byte[] imageOf(byte[]... layers) throws IOException {
        return ArchiveFiles.write(CraftedImages.archive("evil:1", List.of(layers)));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = CompressionStreams.compressing(Compression.GZIP, out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A tar holding one file of {@code size} zero bytes (gzip squeezes it about 1000:1). */
    private static byte[] zeroFileTar(int size) throws IOException {
        return CraftedImages.layer(new Entry("zeros", TarArchiveEntry.LF_NORMAL, null, new byte[size]));
    }

    static Stream<Arguments> corpus() throws IOException {
        String hex = "[0-9a-f]{64}";
        return Stream.of(
                refused("path traversal in the archive", () -> withExtraEntries(Archives.file("../" + "x")),
                        "archive entry '\\.\\./x' contains '\\.\\.', which leads outside the archive"),
                refused("absolute path in the archive", () -> withExtraEntries(Archives.file(CANARY)),
                        "archive entry '" + CANARY + "' is an absolute path, outside the archive"),
                refused("symlink escaping the archive",
                        () -> withExtraEntries(link("blobs/sha256/" + "0".repeat(64), TarArchiveEntry.LF_SYMLINK,
                                "../../../../../../.." + CANARY)),
                        "archive entry 'blobs/sha256/0{64}' is a symlink to '[./]+" + CANARY.substring(1)
                                + "', which points outside the archive"),
                refused("symlink to an absolute path", () -> withExtraEntries(link("x", TarArchiveEntry.LF_SYMLINK,
                        CANARY)), "archive entry 'x' is a symlink to the absolute path '" + CANARY + "', outside the archive"),
                refused("hardlink escaping the archive", () -> withExtraEntries(link("x", TarArchiveEntry.LF_LINK,
                        "../../../../.." + CANARY)), "hardlink 'x' to '[./]+" + CANARY.substring(1)
                        + "' contains '\\.\\.', which leads outside the archive"),
                refused("device node in the archive", () -> withExtraEntries(new TarArchiveEntry("dev",
                        TarArchiveEntry.LF_CHR, true)), "archive entry 'dev' is a character device, which an image "
                        + "archive never holds"),
                refused("duplicate entries", () -> {
                    Map<String, byte[]> files = goodFiles();
                    List<TarArchiveEntry> entries = new ArrayList<>();
                    List<byte[]> contents = new ArrayList<>();
                    files.forEach((name, bytes) -> {
                        entries.add(Archives.file(name));
                        contents.add(bytes);
                    });
                    entries.add(Archives.file("./manifest.json"));
                    contents.add(Archives.utf8("[]"));
                    return ArchiveFiles.write(entries, contents);
                }, "archive has two entries named 'manifest\\.json'"),
                refused("digest mismatch", () -> {
                    Map<String, byte[]> files = goodFiles();
                    String layer = files.keySet().stream().filter(n -> n.startsWith("blobs/")).skip(1).findFirst()
                            .orElseThrow();
                    byte[] bytes = files.get(layer).clone();
                    bytes[600] ^= 1;
                    files.put(layer, bytes);
                    return ArchiveFiles.write(files);
                }, "blob sha256:(" + hex + ") is corrupt: expected sha256:\\1, got sha256:" + hex),
                refused("truncated archive", () -> Arrays.copyOf(good(), 3000),
                        "archive is truncated or not a tar: .*"),
                refused("size lie in a descriptor", () -> {
                    Map<String, byte[]> files = goodFiles();
                    byte[] layer = CraftedImages.layer(Entry.file("a", "b"));
                    Map<String, byte[]> lying = CraftedImages.archive("app:1", List.of(layer));
                    String manifestName = CraftedImages.manifestName(lying);
                    String manifest = new String(lying.get(manifestName), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("\"size\":" + layer.length, "\"size\":" + (layer.length - 512));
                    return rewriteManifest(lying, manifestName, Archives.utf8(manifest));
                }, "blob sha256:" + hex + " is corrupt: expected \\d+ bytes, got \\d+"),
                refused("manifest pointing at a missing blob", () -> {
                    Map<String, byte[]> files = goodFiles();
                    String layer = files.keySet().stream().filter(n -> n.startsWith("blobs/")).skip(2).findFirst()
                            .orElseThrow();
                    files.remove(layer);
                    return ArchiveFiles.write(files);
                }, "(layer of app:1|manifest.json: the layer '?) ?(sha256:" + hex + "|blobs/sha256/" + hex
                        + "'?) is not in the archive"),
                refused("OCI manifest pointing at a missing blob", () -> {
                    Map<String, byte[]> files = goodFiles();
                    files.remove("manifest.json");
                    String layer = files.keySet().stream().filter(n -> n.startsWith("blobs/")).skip(2).findFirst()
                            .orElseThrow();
                    files.remove(layer);
                    return ArchiveFiles.write(files);
                }, "layer sha256:" + hex + " of app:1 is not in the archive"),
                refused("manifest.json pointing outside", () -> {
                    Map<String, byte[]> files = goodFiles();
                    files.put("manifest.json", Archives.utf8("[{\"Config\":\"../../../../.." + CANARY
                            + "\",\"RepoTags\":[\"app:1\"],\"Layers\":[]}]"));
                    return ArchiveFiles.write(files);
                }, "manifest.json refers to '[./]+" + CANARY.substring(1) + "' contains '\\.\\.', which leads "
                        + "outside the archive"),
                refused("manifest.json naming an absolute path", () -> {
                    Map<String, byte[]> files = goodFiles();
                    files.put("manifest.json", Archives.utf8("[{\"Config\":\"/etc/passwd\",\"RepoTags\":null,"
                            + "\"Layers\":[]}]"));
                    return ArchiveFiles.write(files);
                }, "manifest.json refers to '/etc/passwd' is an absolute path, outside the archive"),
                refused("not a tar at all", () -> new byte[] {'h', 'e', 'l', 'l', 'o', '\n'},
                        "not an image archive: the input is empty or not a tar"),
                refused("config that does not match its layers", () -> {
                    byte[] layer = CraftedImages.layer(Entry.file("a", "b"));
                    return ArchiveFiles.write(CraftedImages.archive("app:1", List.of(layer), MediaTypes.OCI_LAYER,
                            List.of(Digest.of("something else"))));
                }, "layer sha256:" + hex + " of app:1 is corrupt: expected diff_id sha256:" + hex + ", got sha256:"
                        + hex),
                refused("gzip layer declared uncompressed", () -> {
                    byte[] layer = gzip(CraftedImages.layer(Entry.file("a", "b")));
                    return ArchiveFiles.write(CraftedImages.archive("app:1", List.of(layer)));
                }, "layer sha256:" + hex + " of app:1 is declared none \\(application/vnd\\.oci\\.image\\.layer\\.v1\\.tar\\)"
                        + " but is gzip"),
                refused("decompression bomb in a layer", () -> {
                    byte[] tar = zeroFileTar(64 << 20);
                    byte[] bomb = gzip(tar);
                    return ArchiveFiles.write(CraftedImages.archive("bomb:1", List.of(bomb), MediaTypes.OCI_LAYER_GZIP,
                            List.of(Digest.of(tar))));
                }, "layer sha256:" + hex + " of bomb:1 inflates to more than \\d+ bytes from \\d+ compressed bytes: "
                        + "refused as a decompression bomb .*"),
                refused("decompression bomb as the whole archive", () -> {
                    ByteArrayOutputStream tar = new ByteArrayOutputStream();
                    tar.write(good());
                    tar.write(new byte[64 << 20]); // zeros after the end of the archive
                    return gzip(tar.toByteArray());
                }, "the gzip-compressed archive inflates to more than \\d+ bytes from \\d+ compressed bytes: refused as "
                        + "a decompression bomb .*"),
                refused("path traversal in a layer", () -> imageOf(CraftedImages.layer(Entry.file("../../../../.."
                        + CANARY, "pwned"))), "layer sha256:" + hex + " of evil:1 was refused: .*contains '\\.\\.'.*"),
                refused("absolute path in a layer", () -> imageOf(CraftedImages.layer(Entry.file(CANARY, "pwned"))),
                        "layer sha256:" + hex + " of evil:1 was refused: .*is absolute.*"),
                refused("symlink escape in a layer", () -> imageOf(CraftedImages.layer(
                        Entry.symlink("escape", "/tmp"), Entry.file("escape/" + CANARY.substring(5), "pwned"))),
                        "layer sha256:" + hex + " of evil:1 was refused: .*"),
                refused("relative symlink escape in a layer", () -> imageOf(CraftedImages.layer(
                        Entry.symlink("escape", "../../../../../../../../tmp"),
                        Entry.file("escape/" + CANARY.substring(5), "pwned"))),
                        "layer sha256:" + hex + " of evil:1 was refused: .*"),
                refused("symlink from a lower layer used by an upper one", () -> imageOf(
                        CraftedImages.layer(Entry.symlink("escape", "/tmp")),
                        CraftedImages.layer(Entry.file("escape/" + CANARY.substring(5), "pwned"))),
                        "layer sha256:" + hex + " of evil:1 was refused: .*"),
                refused("hardlink escape in a layer", () -> imageOf(CraftedImages.layer(
                        Entry.hardlink("passwd", "../../../../../../etc/passwd"))),
                        "layer sha256:" + hex + " of evil:1 was refused: .*hardlink target.*"),
                refused("whiteout of a parent directory", () -> imageOf(
                        CraftedImages.layer(Entry.directory("etc/"), Entry.file("etc/motd", "x")),
                        CraftedImages.layer(Entry.file("etc/.wh...", ""))),
                        "layer sha256:" + hex + " of evil:1 was refused: .*whiteout names no file.*"),
                refused("whiteout through a symlink", () -> imageOf(
                        CraftedImages.layer(Entry.symlink("escape", "/tmp")),
                        CraftedImages.layer(Entry.file("escape/.wh." + CANARY.substring(5), ""))),
                        "layer sha256:" + hex + " of evil:1 was refused: .*"),
                refused("layer that is not a tar", () -> imageOf(Archives.utf8("this is not a tar archive, only text"
                        + " that is long enough to fill something".repeat(20))),
                        "layer sha256:" + hex + " of evil:1 is not a valid tar: .*"));
    }

    private static byte[] rewriteManifest(Map<String, byte[]> files, String oldName, byte[] manifest)
            throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        out.remove(oldName);
        String newName = CraftedImages.blob(Digest.of(manifest));
        out.put(newName, manifest);
        String index = new String(out.get("index.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace(oldName.substring("blobs/sha256/".length()), newName.substring("blobs/sha256/".length()))
                .replaceAll("\"size\":\\d+,\"annotations\"", "\"size\":" + manifest.length + ",\"annotations\"");
        out.put("index.json", Archives.utf8(index));
        out.remove("manifest.json"); // the OCI side only: manifest.json would name a synthesized manifest instead
        return ArchiveFiles.write(out);
    }

    /** The archive's fault (TransferException) or the store's refusal (StoreException): one of the two families. */
    private static RuntimeException refusal(org.junit.jupiter.api.function.Executable load) {
        RuntimeException e = assertThrows(RuntimeException.class, load);
        assertTrue(e instanceof TransferException || e instanceof StoreException, "not a transfer or store error: " + e);
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedWithItsMessageAndTheStoreIsUnchanged(Craft craft, String messagePattern) throws IOException {
        byte[] archive = craft.archive();
        Map<String, Long> storeBefore = TestImages.listing(scratch.resolve("store"));
        Map<String, Long> scratchBefore = TestImages.listing(scratch);
        RuntimeException e = refusal(() -> new ImageLoader(store)
                .load(new ByteArrayInputStream(archive), LoadOptions.defaults().withExpansionLimit(SMALL_LIMIT)));
        assertTrue(Pattern.compile(messagePattern).matcher(e.getMessage()).matches(),
                "message was: " + e.getMessage());
        assertEquals(storeBefore, TestImages.listing(scratch.resolve("store")), "the store changed");
        assertEquals(scratchBefore, TestImages.listing(scratch), "something was written outside the store");
        assertFalse(Files.exists(Path.of(CANARY)), CANARY + " was written");
        assertTrue(store.list().isEmpty());
        assertEquals(List.of(), store.check().problems());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void verifyRefusesItToo(Craft craft, String messagePattern) throws IOException {
        byte[] archive = craft.archive();
        RuntimeException e = refusal(() -> new ImageLoader(store)
                .verify(new ByteArrayInputStream(archive), SigningKeys.generate().getPublic(), SMALL_LIMIT));
        assertTrue(Pattern.compile(messagePattern).matcher(e.getMessage()).matches(),
                "message was: " + e.getMessage());
        assertTrue(store.list().isEmpty());
    }
}
