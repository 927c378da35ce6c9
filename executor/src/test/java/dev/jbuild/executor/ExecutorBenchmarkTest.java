package dev.jbuild.executor;

import dev.jbuild.imagespec.SizedDigest;
import dev.jbuild.layertar.Change;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step costs, phase by phase, printed as a table; no assertions on time. Run with
 * {@code mvn -o test -pl executor -Djbuild.excludedGroups= -Dgroups=benchmark}.
 */
@Tag("benchmark")
class ExecutorBenchmarkTest {
    /** About 380 MB in 14 000 files, like the "300 MB / 15 000-file base". */
    private static final List<String> BIG_BASE_SOURCES =
            List.of("/usr/share/doc", "/usr/share/locale", "/usr/lib/python3", "/usr/lib/python3.11");
    private static final String SIX_FILES =
            "for i in 1 2 3 4 5 6; do echo changed >> /app/file$i; done";

    @TempDir
    static Path shared;
    private static SandboxTestSupport support;
    private static Path smallBase;
    private static Path bigBase;

    @BeforeAll
    static void setUp() throws Exception {
        support = new SandboxTestSupport(shared);
        smallBase = Files.createDirectory(shared.resolve("small"));
        bigBase = Files.createDirectory(shared.resolve("big"));
        for (Path base : List.of(smallBase, bigBase)) {
            for (int i = 1; i <= 6; i++) {
                TestTrees.write(base.resolve("app/file" + i), "original " + i + "\n");
            }
        }
        for (String source : BIG_BASE_SOURCES) {
            Path target = bigBase.resolve(source.substring(1));
            Files.createDirectories(target.getParent());
            TestTrees.sh(shared, "cp -a " + source + " " + target);
        }
        System.out.printf("big base: %s in %s entries%n", TestTrees.sh(bigBase, "du -sh . | cut -f1").trim(),
                TestTrees.sh(bigBase, "find . | wc -l").trim());
    }

    /** Median milliseconds of each phase of one step. */
    private record Phases(double prepare, double run, double diff, double write, double close, int changes) {
        double total() {
            return prepare + run + diff + write + close;
        }
    }

    private Phases step(StorageDriver driver, List<Path> lowers, String script) throws Exception {
        long t0 = System.nanoTime();
        Workspace workspace = driver.prepare(lowers);
        long t1 = System.nanoTime();
        RunResult result = support.sandbox.run(workspace.rootfs(), SandboxTestSupport.shell(script), OutputListener.DISCARD);
        if (result.exitCode() != 0) {
            throw new AssertionError("step failed: " + script);
        }
        long t2 = System.nanoTime();
        List<Change> changes = workspace.changes();
        long t3 = System.nanoTime();
        SizedDigest digest = LayerWriter.of(WriterOptions.defaults())
                .writeChanges(workspace.diffRoot(), changes, OutputStream.nullOutputStream());
        long t4 = System.nanoTime();
        workspace.close();
        long t5 = System.nanoTime();
        if (digest.size() == 0) {
            throw new AssertionError("no layer written");
        }
        return new Phases(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), changes.size());
    }

    private Phases median(StorageDriver driver, List<Path> lowers, String script, int warmUp, int runs) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            step(driver, lowers, script);
        }
        List<Phases> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(step(driver, lowers, script));
        }
        return new Phases(median(all, Phases::prepare), median(all, Phases::run), median(all, Phases::diff),
                median(all, Phases::write), median(all, Phases::close), all.get(0).changes());
    }

    private static void print(String label, Phases phases) {
        System.out.printf("%-44s prepare %8.1f  run %8.1f  diff %8.1f  layer %7.1f  close %7.1f  total %8.1f ms  (%d changes)%n",
                label, phases.prepare(), phases.run(), phases.diff(), phases.write(), phases.close(), phases.total(),
                phases.changes());
    }

    @Test
    void perStepOverhead() throws Exception {
        print("empty step (true), overlay, busybox base",
                median(new OverlayDriver(support.layout.overlay()), List.of(support.busybox), "true", 5, 30));
        print("empty step (true), vfs, busybox base",
                median(new VfsDriver(support.layout.vfs()), List.of(support.busybox), "true", 3, 15));
    }

    @Test
    void twentyThousandSmallFiles() throws Exception {
        String script = "mkdir /data && cd /data && i=0; while [ $i -lt 20000 ]; do echo $i > f$i; i=$((i+1)); done";
        print("20000 small files, overlay", median(new OverlayDriver(support.layout.overlay()), List.of(support.busybox), script, 1, 3));
        print("20000 small files, vfs", median(new VfsDriver(support.layout.vfs()), List.of(support.busybox), script, 1, 3));
    }

    @Test
    void sixFilesOnSmallAndBigBase() throws Exception {
        StorageDriver overlay = new OverlayDriver(support.layout.overlay());
        StorageDriver vfs = new VfsDriver(support.layout.vfs());
        print("6 files, overlay, busybox base", median(overlay, List.of(support.busybox, smallBase), SIX_FILES, 3, 15));
        print("6 files, overlay, big base", median(overlay, List.of(support.busybox, bigBase), SIX_FILES, 3, 15));
        print("6 files, vfs, busybox base", median(vfs, List.of(support.busybox, smallBase), SIX_FILES, 1, 5));
        print("6 files, vfs, big base", median(vfs, List.of(support.busybox, bigBase), SIX_FILES, 1, 3));
    }

    /** What a step's own network costs, phase by phase: the namespace, the provider up, and down again. */
    @Test
    void networkAttachAndDetach() throws Exception {
        for (String provider : List.of(Slirp4netnsNetwork.NAME, CniBridgeNetwork.NAME)) {
            NetworkProvider network = NetworkProviders.select(provider, support.layout).provider();
            List<Double> up = new ArrayList<>();
            List<Double> down = new ArrayList<>();
            List<Double> namespaceOnly = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Path dir = Trees.createLeased(support.layout.runs(), "");
                long t0 = System.nanoTime();
                StepNetwork attached = network.attach(dir);
                long t1 = System.nanoTime();
                attached.close();
                long t2 = System.nanoTime();
                NetworkNamespaceFile.remove(NetworkNamespaceFile.create(dir.resolve("bare")));
                long t3 = System.nanoTime();
                Trees.removeLeased(dir);
                if (i >= 5) {
                    up.add(ms(t1 - t0));
                    down.add(ms(t2 - t1));
                    namespaceOnly.add(ms(t3 - t2));
                }
            }
            System.out.printf("%-12s attach %6.1f  detach %6.1f  (a bare namespace made and removed: %5.2f) ms, medians%n",
                    provider, medianOf(up), medianOf(down), medianOf(namespaceOnly));
        }
    }

    private static double medianOf(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double median(List<Phases> all, java.util.function.ToDoubleFunction<Phases> phase) {
        double[] values = all.stream().mapToDouble(phase).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
