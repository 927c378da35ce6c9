package dev.jbuild.store;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: writes blobs and images, tags, removes, imports,
 * unpacks snapshots, compresses and prunes in an endless loop until it is killed with SIGKILL.
 * Prints "ready" once the first round is done, so the test kills it mid-work rather than mid-startup.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        // Under the test's own temp directory: the process is killed, so it never cleans up after itself.
        Path scratch = Files.createTempDirectory(Path.of(args[2]), "crash-writer");
        try (ImageStore store = ImageStore.open(root)) {
            for (int i = 0; ; i++) {
                byte[] blob = new byte[random.nextInt(256 * 1024)];
                random.nextBytes(blob);
                store.blobs().put(blob, "application/octet-stream");

                byte[] layerBytes = new byte[random.nextInt(64 * 1024)];
                random.nextBytes(layerBytes);
                Descriptor layer = store.blobs().put(layerBytes, MediaTypes.OCI_LAYER);
                ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux"))
                        .withAuthor("round " + i)
                        .withLayer(layer.digest(), new HistoryEntry(null, "random", "", "", false));
                store.writeImage(config, List.of(layer), "crash:" + (i % 5));

                if (i % 3 == 2) {
                    try {
                        store.remove("crash:" + ((i + 2) % 5), false);
                    } catch (ImageNotFoundException e) {
                        // already gone
                    }
                }
                if (i % 4 == 1) {
                    Path dir = Files.createTempDirectory(scratch, "rootfs");
                    Trees.write(dir, "etc/round", "round " + i);
                    Trees.write(dir, "bin/tool", "x".repeat(random.nextInt(50_000)));
                    ImageRecord imported = new ImageImporter(store).importRootfs(dir, "imported:" + (i % 3),
                            UnaryOperator.identity(), null);
                    store.layers().diffs(imported);
                    store.compressedCache().compressed(imported.diffIds().get(0), Compression.GZIP);
                }
                if (i % 7 == 6) {
                    store.prune();
                }
                if (i == 0) {
                    System.out.println("ready");
                    System.out.flush();
                }
            }
        }
    }
}
