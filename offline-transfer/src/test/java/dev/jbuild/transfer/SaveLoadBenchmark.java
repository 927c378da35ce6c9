package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.store.ImageImporter;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * save and load of a 500 MB, 20 000-file image (half random bytes, half text), side by side with
 * tar + gzip of the same tree, skopeo copy, and docker save/load when an engine is reachable.
 * Excluded from the normal test run; run it with
 * {@code mvn -o test -pl offline-transfer -Djbuild.bench.groups=benchmark -Djbuild.bench.excluded=none
 * -Dtest=SaveLoadBenchmark}. Set {@code JBUILD_BENCH_DATA} to a directory to reuse a generated tree.
 * Prints MB/s of uncompressed content (the tree's size) per operation.
 */
@Tag("benchmark")
class SaveLoadBenchmark {
    private static final long TOTAL = 500L * 1000 * 1000;
    private static final int FILES = 20_000;

    @TempDir
    Path scratch;
    private final List<String> rows = new ArrayList<>();
    private long treeBytes;

    private static Path generate(Path root) throws IOException {
        Random random = new Random(42);
        String[] words = new String[4096];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = 3 + random.nextInt(8); j > 0; j--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.append(' ').toString();
        }
        long mean = TOTAL / FILES;
        for (int i = 0; i < FILES; i++) {
            Path file = root.resolve(String.format("d%03d/s%02d/f%05d", i % 200, i % 17, i));
            Files.createDirectories(file.getParent());
            int size = (int) Math.max(1, Math.min(20 * mean, -Math.log(1 - random.nextDouble()) * mean));
            byte[] data = new byte[size];
            if (i % 2 == 0) {
                random.nextBytes(data);
            } else {
                int at = 0;
                while (at < size) {
                    byte[] word = words[random.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    int n = Math.min(word.length, size - at);
                    System.arraycopy(word, 0, data, at, n);
                    at += n;
                }
            }
            Files.write(file, data);
        }
        return root;
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void time(String what, Step step) throws Exception {
        Tools.run(scratch, "sync");
        long start = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        String row = String.format(Locale.ROOT, "%-58s %7.2f s %8.1f MB/s", what, seconds, treeBytes / 1e6 / seconds);
        rows.add(row);
        System.out.println(row);
    }

    private static void shell(Path dir, String script) throws Exception {
        Tools.run(dir, "sh", "-c", script);
    }

    @Test
    void saveAndLoadOfA500MbImage() throws Exception {
        String given = System.getenv("JBUILD_BENCH_DATA");
        Path data = given != null ? Path.of(given) : generate(Files.createDirectory(scratch.resolve("data")));
        treeBytes = size(data);
        System.out.println("tree: " + treeBytes + " bytes, " + FILES + " files; cores: "
                + Runtime.getRuntime().availableProcessors());
        Path root = scratch.resolve("store");
        try (ImageStore store = ImageStore.open(root)) {
            ImageRecord[] image = new ImageRecord[1];
            time("jbuild import (directory -> one layer)", () -> image[0] = new ImageImporter(store)
                    .importRootfs(data, "bench:1", UnaryOperator.identity(), null));
            ImageSaver saver = new ImageSaver(store);
            for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD, Compression.NONE}) {
                Path out = scratch.resolve(compression.label() + ".tar");
                time("jbuild save --compress " + compression.label() + " (first: compresses)",
                        () -> saver.saveToFile(List.of("bench:1"), SaveOptions.defaults().withCompression(compression), out));
                time("jbuild save --compress " + compression.label() + " (again: cached blobs)",
                        () -> saver.saveToFile(List.of("bench:1"), SaveOptions.defaults().withCompression(compression), out));
            }
        }
        for (String label : new String[] {"gzip", "zstd", "none"}) {
            Path target = scratch.resolve("load-" + label);
            time("jbuild load of the " + label + " archive (verify + unpack)", () -> {
                try (ImageStore store = ImageStore.open(target); InputStream in = Files.newInputStream(
                        scratch.resolve(label + ".tar"))) {
                    new ImageLoader(store).load(in, LoadOptions.defaults());
                }
            });
            Tools.run(scratch, "rm", "-rf", target.toString());
        }
        time("tar -c | gzip -6 (one core)", () -> shell(scratch, "tar -C " + data + " -cf - . | gzip -6 > tree.tgz"));
        Files.createDirectory(scratch.resolve("untar"));
        time("gzip -dc | tar -x", () -> shell(scratch, "gzip -dc tree.tgz | tar -C untar -xf -"));
        time("tar -c (no compression)", () -> shell(scratch, "tar -C " + data + " -cf tree.tar ."));
        Tools.run(scratch, "rm", "-rf", "untar", "tree.tgz", "tree.tar");
        if (Tools.available("skopeo")) {
            time("skopeo copy docker-archive(none) -> oci: (gzip)", () -> Tools.run(scratch, "skopeo", "copy",
                    "docker-archive:" + scratch.resolve("none.tar") + ":bench:1", "oci:" + scratch.resolve("oci") + ":1"));
            time("skopeo copy oci: -> docker-archive (uncompressed)", () -> Tools.run(scratch, "skopeo", "copy",
                    "oci:" + scratch.resolve("oci") + ":1", "docker-archive:" + scratch.resolve("sk.tar") + ":bench:1"));
            time("skopeo copy oci-archive(gzip) -> oci: (blobs as they are)", () -> Tools.run(scratch, "skopeo", "copy",
                    "oci-archive:" + scratch.resolve("gzip.tar") + ":1", "oci:" + scratch.resolve("oci2") + ":1"));
        } else {
            rows.add("skopeo not installed: no skopeo figures");
        }
        Tools.Result docker = Tools.exec(scratch, List.of("sh", "-c", "docker info >/dev/null 2>&1"));
        if (docker.exit() == 0) {
            time("docker load (none archive)", () -> Tools.run(scratch, "docker", "load", "-i",
                    scratch.resolve("none.tar").toString()));
            time("docker save", () -> Tools.run(scratch, "docker", "save", "-o", scratch.resolve("d.tar").toString(),
                    "bench:1"));
            Tools.exec(scratch, List.of("docker", "rmi", "bench:1"));
        } else {
            rows.add("no Docker engine reachable: no docker save/load figures");
        }
        Path report = Path.of("target", "benchmark.txt");
        Files.write(report, rows);
        System.out.println("written to " + report.toAbsolutePath());
    }
}
