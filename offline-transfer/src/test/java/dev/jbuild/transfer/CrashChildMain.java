package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The victim of {@link CrashSafetyTest}: runs one kind of command over and over until it is killed.
 * <ul>
 *   <li>{@code save STORE DEST SEED}: imports a fresh tree (new layers to compress), then saves it to
 *       DEST with gzip, zstd and none in turn;</li>
 *   <li>{@code load STORE ARCHIVE}: loads the archive, removes the image (and its snapshot), loads again;</li>
 *   <li>{@code import STORE DIR}: imports the directory under a new tag each time.</li>
 * </ul>
 */
public final class CrashChildMain {
    private CrashChildMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        try (ImageStore store = ImageStore.open(Path.of(args[1]))) {
            System.out.println("ready");
            System.out.flush();
            switch (mode) {
                case "save" -> save(store, Path.of(args[2]), Long.parseLong(args[3]));
                case "load" -> load(store, Path.of(args[2]));
                case "import" -> importLoop(store, Path.of(args[2]));
                default -> throw new IllegalArgumentException(mode);
            }
        }
    }

    private static void save(ImageStore store, Path dest, long seed) throws Exception {
        Path tree = Files.createTempDirectory(dest.getParent(), "crash-tree");
        CrashSafetyTest.randomTree(tree, new Random(seed), 40);
        new ImageImporter(store).importRootfs(tree, "saved:s" + Long.toHexString(seed), UnaryOperator.identity(), null);
        ImageSaver saver = new ImageSaver(store);
        for (int i = 0; ; i++) {
            Compression compression = Compression.values()[(i + 1) % 3];
            saver.saveToFile(List.of("saved:s" + Long.toHexString(seed)), SaveOptions.defaults().withCompression(compression), dest);
        }
    }

    private static void load(ImageStore store, Path archive) throws Exception {
        ImageLoader loader = new ImageLoader(store);
        while (true) {
            List<LoadedImage> loaded;
            try (InputStream in = Files.newInputStream(archive)) {
                loaded = loader.load(in, LoadOptions.defaults());
            }
            store.remove(loaded.get(0).id().value(), true);
        }
    }

    private static void importLoop(ImageStore store, Path dir) throws Exception {
        for (int i = 0; ; i++) {
            new ImageImporter(store).importRootfs(dir, "imported:" + ProcessHandle.current().pid() + "-" + i,
                    UnaryOperator.identity(), null);
        }
    }
}
