package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points of a writing process, 24 times over one store: after each kill the store
 * checks clean and takes a new image; at the end a prune clears the dead processes' temp areas.
 */
class CrashSafetyTest {
    private static final int KILLS = 24;

    @TempDir
    Path root;
    @TempDir
    Path scratch;

    @Test
    void storeStaysConsistentWhenWritersAreKilledAtRandomPoints() throws Exception {
        Random random = new Random(20240601);
        for (int round = 0; round < KILLS; round++) {
            Process writer = ChildJvm.start(CrashWriterMain.class, root.toString(), Long.toString(random.nextLong()),
                    scratch.toString());
            try {
                ChildJvm.awaitLine(writer, "ready");
                Thread.sleep(random.nextInt(400));
            } finally {
                writer.destroyForcibly(); // SIGKILL on Linux
                assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(137, writer.exitValue(), "killed by SIGKILL, not finished or crashed");
            try (ImageStore store = ImageStore.open(root)) {
                StoreCheck.Report report = store.check();
                assertEquals(java.util.List.of(), report.problems(), "after kill " + round);
                ImageRecord written = Trees.image(store, scratch, "after kill " + round, "survivor:" + round);
                assertEquals(written.id(), store.image("survivor:" + round).id());
            }
        }
        try (ImageStore store = ImageStore.open(root)) {
            store.prune();
            assertTrue(store.check().isClean());
            try (Stream<Path> temp = Files.list(root.resolve("tmp"))) {
                assertEquals(java.util.List.of(store.session().dir()), temp.map(p -> p.toAbsolutePath().normalize())
                        .toList(), "only this process's temp area is left");
            }
            assertEquals(KILLS, store.list().stream().filter(i -> i.repoTags().stream()
                    .anyMatch(t -> t.startsWith("survivor:"))).count());
        }
    }
}
