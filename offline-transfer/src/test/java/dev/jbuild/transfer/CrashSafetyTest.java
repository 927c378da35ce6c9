package dev.jbuild.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points of save, load and import (8 times each, one store): after every kill the
 * store checks clean, the save destination is either absent or a complete archive, and the same
 * kind of command works; at the end prune removes what the dead processes left in the temp area.
 */
class CrashSafetyTest {
    private static final int KILLS = 24;
    private static final List<String> MODES = List.of("save", "load", "import");

    @TempDir
    Path scratch;

    /** Files of random and of repetitive content, in a few directories (a few MB in all). */
    static void randomTree(Path root, Random random, int files) throws IOException {
        for (int i = 0; i < files; i++) {
            Path file = root.resolve("d" + (i % 5)).resolve("f" + i);
            Files.createDirectories(file.getParent());
            byte[] data = new byte[50_000 + random.nextInt(150_000)];
            if (i % 2 == 0) {
                random.nextBytes(data);
            } else {
                for (int j = 0; j < data.length; j++) {
                    data[j] = (byte) ('a' + (j * 31 + i) % 26);
                }
            }
            Files.write(file, data);
        }
    }

    @Test
    void storeStaysConsistentWhenSaveLoadAndImportAreKilledAtRandomPoints() throws Exception {
        Random random = new Random(20260601);
        Path root = scratch.resolve("store");
        Path tree = Files.createDirectory(scratch.resolve("tree"));
        randomTree(tree, new Random(1), 60);
        Path archive = scratch.resolve("input.tar");
        try (ImageStore other = ImageStore.open(scratch.resolve("other"))) {
            new ImageImporter(other).importRootfs(tree, "input:1", UnaryOperator.identity(), null);
            new ImageSaver(other).saveToFile(List.of("input:1"), SaveOptions.defaults(), archive);
        }
        Path dest = scratch.resolve("out/saved.tar");
        Files.createDirectories(dest.getParent());
        for (int round = 0; round < KILLS; round++) {
            String mode = MODES.get(round % MODES.size());
            String input = switch (mode) {
                case "save" -> dest.toString();
                case "load" -> archive.toString();
                default -> tree.toString();
            };
            Process child = ChildJvm.start(CrashChildMain.class, mode, root.toString(), input,
                    Long.toString(random.nextLong()));
            try {
                ChildJvm.awaitLine(child, "ready");
                Thread.sleep(100 + random.nextInt(1500));
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(137, child.exitValue(), mode + " round " + round + ": killed by SIGKILL, not crashed");
            try (ImageStore store = ImageStore.open(root)) {
                assertEquals(List.of(), store.check().problems(), "after killing " + mode + " in round " + round);
                assertDestinationWholeOrAbsent(dest);
                nextCommandWorks(store, mode, archive, tree, round);
            }
        }
        try (ImageStore store = ImageStore.open(root)) {
            store.prune();
            assertTrue(store.check().isClean());
            try (Stream<Path> temp = Files.list(root.resolve("tmp"))) {
                assertEquals(1, temp.count(), "only this process's temp area is left");
            }
        }
        try (Stream<Path> out = Files.list(dest.getParent())) {
            assertTrue(out.allMatch(p -> p.equals(dest) || p.getFileName().toString().startsWith(".saved.tar.jbuild-save-")
                    || p.getFileName().toString().startsWith("crash-tree")), "nothing else next to the destination");
        }
    }

    /** A save killed midway never leaves part of an archive under the destination's name. */
    private void assertDestinationWholeOrAbsent(Path dest) throws IOException {
        if (!Files.exists(dest)) {
            return;
        }
        try (ImageStore probe = ImageStore.open(Files.createTempDirectory(scratch, "probe"));
             InputStream in = Files.newInputStream(dest)) {
            assertEquals(1, new ImageLoader(probe).load(in, LoadOptions.defaults()).size());
        }
    }

    private void nextCommandWorks(ImageStore store, String mode, Path archive, Path tree, int round) throws Exception {
        switch (mode) {
            case "save" -> {
                ImageRecord image = new ImageImporter(store).importRootfs(tree, "after:" + round,
                        UnaryOperator.identity(), null);
                Path file = scratch.resolve("after-" + round + ".tar");
                new ImageSaver(store).saveToFile(List.of("after:" + round), SaveOptions.defaults()
                        .withCompression(Compression.ZSTD), file);
                try (ImageStore probe = ImageStore.open(Files.createTempDirectory(scratch, "probe"));
                     InputStream in = Files.newInputStream(file)) {
                    assertEquals(image.id(), new ImageLoader(probe).load(in, LoadOptions.defaults()).get(0).id());
                }
                Files.delete(file);
            }
            case "load" -> {
                try (InputStream in = Files.newInputStream(archive)) {
                    LoadedImage loaded = new ImageLoader(store).load(in, LoadOptions.defaults()).get(0);
                    assertEquals(loaded.id(), store.image("input:1").id());
                }
            }
            default -> {
                ImageRecord image = new ImageImporter(store).importRootfs(tree, "after:" + round,
                        UnaryOperator.identity(), null);
                assertEquals(image.id(), store.image("after:" + round).id());
            }
        }
        assertEquals(List.of(), store.check().problems(), "after the next " + mode);
    }
}
