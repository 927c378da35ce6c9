package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {
    @TempDir
    Path root;
    @TempDir
    Path scratch;

    @Test
    void mutationWaitsForAnotherProcessesLockThenGivesUpNamingIt() throws Exception {
        Process holder = ChildJvm.start(LockHolderMain.class, root.toString());
        List<String> notices = new ArrayList<>();
        StoreOptions impatient = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(1500))
                .withLockNoticeAfter(Duration.ofMillis(200))
                .withLockWaitNotice(notices::add);
        try {
            ChildJvm.awaitLine(holder, "locked");
            try (ImageStore store = ImageStore.open(root, impatient)) {
                StoreLockedException e = assertThrows(StoreLockedException.class,
                        () -> Trees.image(store, scratch, "blocked", "blocked"));
                assertTrue(e.getMessage().startsWith("the store at " + root.toAbsolutePath()
                        + " is locked by another jbuild process (last exclusive holder: pid " + holder.pid()
                        + "); gave up after "), e.getMessage());
                assertEquals(1, notices.size());
                assertTrue(notices.get(0).startsWith("waiting for the store lock on "), notices.get(0));
            }
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (ImageStore store = ImageStore.open(root, impatient)) {
            ImageRecord image = Trees.image(store, scratch, "free", "free");
            assertEquals(image.id(), store.image("free").id(), "a dead holder's lock is gone with it");
        }
    }
}
