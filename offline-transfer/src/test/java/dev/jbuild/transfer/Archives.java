package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Archives in the shapes other tools write, made from images of a store. */
final class Archives {
    private Archives() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What {@code docker save} wrote before Docker 25: a directory per layer, configs as {@code <id>.json}. */
    static byte[] dockerBefore25(ImageStore store, List<ImageRecord> images, List<List<String>> tags)
            throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        Map<Digest, String> written = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder("[");
        StringBuilder repositories = new StringBuilder("{");
        for (int n = 0; n < images.size(); n++) {
            ImageRecord image = images.get(n);
            List<String> layerPaths = new ArrayList<>();
            for (int i = 0; i < image.diffIds().size(); i++) {
                Digest diffId = image.diffIds().get(i);
                String v1 = Digest.of("v1 " + n + " " + i + " " + diffId).hex();
                entries.add(directory(v1 + "/"));
                contents.add(null);
                entries.add(file(v1 + "/VERSION"));
                contents.add(utf8("1.0"));
                entries.add(file(v1 + "/json"));
                contents.add(utf8("{\"id\":\"" + v1 + "\",\"created\":\"1970-01-01T00:00:00Z\"}"));
                if (written.containsKey(diffId)) {
                    // Docker links a layer it already wrote
                    TarArchiveEntry link = new TarArchiveEntry(v1 + "/layer.tar", TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName("../" + written.get(diffId));
                    entries.add(link);
                    contents.add(null);
                } else {
                    entries.add(file(v1 + "/layer.tar"));
                    contents.add(store.blobs().read(diffId));
                    written.put(diffId, v1 + "/layer.tar");
                }
                layerPaths.add("\"" + v1 + "/layer.tar\"");
            }
            entries.add(file(image.id().hex() + ".json"));
            contents.add(store.blobs().read(image.id()));
            List<String> quoted = tags.get(n).stream().map(t -> "\"" + t + "\"").toList();
            manifest.append(n == 0 ? "" : ",").append("{\"Config\":\"").append(image.id().hex()).append(".json\",")
                    .append("\"RepoTags\":").append(quoted.isEmpty() ? "null" : "[" + String.join(",", quoted) + "]")
                    .append(",\"Layers\":[").append(String.join(",", layerPaths)).append("]}");
        }
        manifest.append("]\n");
        repositories.append("}\n");
        entries.add(file("manifest.json"));
        contents.add(utf8(manifest.toString()));
        entries.add(file("repositories"));
        contents.add(utf8(repositories.toString()));
        return ArchiveFiles.write(entries, contents);
    }

    /** An OCI archive as skopeo and podman write it: our save without the Docker half, with other annotations. */
    static byte[] ociOnly(Path saved, String indexJson) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(ArchiveFiles.read(saved));
        files.remove("manifest.json");
        files.remove("repositories");
        if (indexJson != null) {
            files.put("index.json", utf8(indexJson));
        }
        return ArchiveFiles.write(files);
    }

    static byte[] compressWhole(byte[] tar, Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressing = CompressionStreams.compressing(compression, out)) {
            compressing.write(tar);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    static TarArchiveEntry file(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(0644);
        return entry;
    }

    static TarArchiveEntry directory(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_DIR, true);
        entry.setMode(0755);
        return entry;
    }
}
