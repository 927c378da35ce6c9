package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.layertar.Change;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import dev.jbuild.store.ImageExporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Images built in a store from small trees, and pictures of trees to compare. */
final class TestImages {
    static final Platform PLATFORM = Platform.host();

    private TestImages() {
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    /** Stores a directory as an uncompressed layer. */
    static Descriptor layer(ImageStore store, Path dir) throws IOException {
        return store.blobs().write(MediaTypes.OCI_LAYER,
                out -> LayerWriter.of(WriterOptions.defaults()).writeDirectory(dir, out));
    }

    /** An image whose layers are the given directories, bottom first. */
    static ImageRecord imageOfTrees(ImageStore store, List<Path> layerDirs, String... tags) throws IOException {
        List<Descriptor> layers = new ArrayList<>();
        for (Path dir : layerDirs) {
            layers.add(layer(store, dir));
        }
        return image(store, layers, tags);
    }

    /** An image over layer blobs already stored (uncompressed), bottom first. */
    static ImageRecord image(ImageStore store, List<Descriptor> layers, String... tags) throws IOException {
        ImageConfig config = ImageConfig.empty(PLATFORM).withCreated(Instant.parse("2024-01-02T03:04:05Z"));
        for (Descriptor layer : layers) {
            config = config.withLayer(layer.digest(), new HistoryEntry(Instant.parse("2024-01-02T03:04:05Z"),
                    "COPY . /", "", "", false));
        }
        config = config.withConfig(config.config().withCmd(List.of("/bin/sh")));
        return store.writeImage(config, layers, List.of(tags));
    }

    /** A two-layer image: a base with etc/ and bin/, then a layer that adds, changes and deletes files. */
    static ImageRecord twoLayers(ImageStore store, Path scratch, String content, String... tags) throws IOException {
        Path base = Files.createTempDirectory(scratch, "base");
        write(base, "etc/hostname", "jbuild\n");
        write(base, "etc/motd", "hello " + content + "\n");
        write(base, "bin/tool", "#!/bin/sh\necho " + content + "\n");
        Files.createSymbolicLink(base.resolve("bin/alias"), Path.of("tool"));
        Path top = Files.createTempDirectory(scratch, "top");
        write(top, "etc/motd", "changed " + content + "\n");
        write(top, "app/data.txt", content.repeat(1000));
        Descriptor lower = layer(store, base);
        Descriptor upper = store.blobs().write(MediaTypes.OCI_LAYER, out -> LayerWriter.of(WriterOptions.defaults())
                .writeChanges(top, List.of(Change.modified("etc/motd"), Change.added("app/data.txt"),
                        Change.deleted("etc/hostname")), out));
        return image(store, List.of(lower, upper), tags);
    }

    /** The image's flattened file system, unpacked into a fresh directory. */
    static Path exportTree(ImageStore store, ImageRecord image, Path scratch) throws Exception {
        Path tar = Files.createTempFile(scratch, "export", ".tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            new ImageExporter(store).export(image, out);
        }
        Path dir = Files.createTempDirectory(scratch, "exported");
        Tools.run(dir, "tar", "-xf", tar.toString());
        return dir;
    }

    /** relative path → "dir", "file:<sha or text>" or "link:<target>", sorted. */
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
                        byte[] bytes = Files.readAllBytes(p);
                        out.put(rel, bytes.length > 200 ? "file:" + dev.jbuild.imagespec.Digest.of(bytes)
                                : "file:" + new String(bytes, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out;
    }

    /** Every file under the store root with its size, to show that a refused load changed nothing. */
    static Map<String, Long> listing(Path root) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(p -> {
                String rel = root.relativize(p).toString();
                try {
                    out.put(rel, Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : -1L);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out;
    }
}
