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
                assertTrue(e.getMessage().startsWith("the store lock on " + root.toAbsolutePath()
                        + " is held by another jbuild process (last exclusive holder: pid " + holder.pid()
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

    @Test
    void pruneWaitsForRunningBuildsWhileBuildsRunBesideEachOther() throws Exception {
        Process build = ChildJvm.start(BuildHolderMain.class, root.toString());
        List<String> notices = new ArrayList<>();
        StoreOptions impatient = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(1500))
                .withLockNoticeAfter(Duration.ofMillis(200))
                .withLockWaitNotice(notices::add);
        try {
            ChildJvm.awaitLine(build, "building");
            try (ImageStore store = ImageStore.open(root, impatient)) {
                ImageRecord beside;
                try (ImageStore.BuildHold another = store.holdForBuild()) {
                    beside = Trees.image(store, scratch, "beside", "beside"); // builds do not wait for each other
                }
                StoreLockedException e = assertThrows(StoreLockedException.class, store::prune);
                assertTrue(e.getMessage().startsWith("the build lock on " + root.toAbsolutePath()
                        + " is held by another jbuild process; gave up after "), e.getMessage());
                assertEquals(List.of("waiting for the build lock on " + root.toAbsolutePath()
                        + ", held by another jbuild process"), notices);
                assertEquals(beside.id(), store.image("beside").id(), "nothing was pruned");
            }
        } finally {
            build.destroyForcibly();
            assertTrue(build.waitFor(30, TimeUnit.SECONDS));
        }
        try (ImageStore store = ImageStore.open(root, impatient)) {
            Prune.Report report = store.prune();
            assertEquals(0, report.removedImages().size(), "a tagged image stays");
        }
    }
}
