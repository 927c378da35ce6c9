package dev.jbuild.store;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small file trees for tests, and a readable picture of a tree to compare. */
final class Trees {
    private Trees() {
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    /** relative path → "dir", "file:<content>" or "link:<target>", sorted. */
    static Map<String, String> picture(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                String rel = root.relativize(p).toString();
                try {
                    if (Files.isSymbolicLink(p)) {
                        out.put(rel, "link:" + Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.put(rel, "dir");
                    } else {
                        out.put(rel, "file:" + Files.readString(p, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out;
    }

    /** Stores the directory as an uncompressed layer blob. */
    static Descriptor layerOf(ImageStore store, Path dir) throws IOException {
        return store.blobs().write(MediaTypes.OCI_LAYER,
                out -> LayerWriter.of(WriterOptions.defaults()).writeDirectory(dir, out));
    }

    /** A one-layer image whose only file is {@code file.txt} with {@code content}. */
    static ImageRecord image(ImageStore store, Path scratch, String content, String... tags) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "tree");
        write(dir, "file.txt", content);
        Descriptor layer = layerOf(store, dir);
        ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(layer.digest(), new HistoryEntry(null, "ADD file.txt /", "", "", false));
        return store.writeImage(config, List.of(layer), tags);
    }

    static int run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return exit;
    }
}
