package dev.jbuild.registry.testing;

import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Images made in a store for registry tests: many small layers, or a busybox root as base images are made. */
public final class TestImages {
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestImages() {
    }

    /**
     * An image of {@code layers} uncompressed layers, each adding one file of {@code bytesPerLayer}
     * pseudo-random bytes (seeded by {@code seed}, so two calls with the same seed give the same image).
     */
    public static ImageRecord layered(ImageStore store, Path scratch, int layers, int bytesPerLayer, long seed,
                                      String... tags) throws IOException {
        return layered(store, scratch, Platform.host(), layers, bytesPerLayer, seed, tags);
    }

    /** As {@link #layered(ImageStore, Path, int, int, long, String...)}, an image of {@code platform}. */
    public static ImageRecord layered(ImageStore store, Path scratch, Platform platform, int layers, int bytesPerLayer,
                                      long seed, String... tags) throws IOException {
        Random random = new Random(seed);
        List<Descriptor> blobs = new ArrayList<>();
        Instant time = Instant.parse("2024-05-06T07:08:09Z");
        ImageConfig config = ImageConfig.empty(platform).withCreated(time);
        for (int i = 0; i < layers; i++) {
            Path dir = Files.createTempDirectory(scratch, "layer");
            byte[] content = new byte[bytesPerLayer];
            random.nextBytes(content);
            Files.createDirectories(dir.resolve("data"));
            Files.write(dir.resolve("data").resolve("file-" + i), content);
            Descriptor blob = store.blobs().write(MediaTypes.OCI_LAYER,
                    out -> LayerWriter.of(WriterOptions.defaults()).writeDirectory(dir, out));
            blobs.add(blob);
            config = config.withLayer(blob.digest(), new HistoryEntry(time, "COPY file-" + i + " /data/", "", "", false));
        }
        config = config.withConfig(config.config().withCmd(List.of("/bin/sh")));
        return store.writeImage(config, blobs, List.of(tags));
    }

    /** A busybox root filesystem imported as {@code tag}, the way samples/make-base-images.sh makes bases. */
    public static ImageRecord busybox(ImageStore store, Path scratch, String tag) throws IOException {
        Tools.require("busybox");
        Path root = Files.createTempDirectory(scratch, "busybox");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(Files.isRegularFile(BUSYBOX) ? BUSYBOX : Path.of("/usr/bin/busybox"), bin.resolve("busybox"));
        for (String applet : new String[] {"sh", "ls", "cat", "echo", "true", "seq", "wc", "mkdir", "head"}) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.createDirectories(root.resolve("tmp"));
        return new ImageImporter(store).importRootfs(root, tag,
                c -> c.withConfig(c.config().withCmd(List.of("sh"))), null);
    }
}
