package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.frontend.ContextSource;
import dev.jbuild.builder.frontend.Frontend;
import dev.jbuild.builder.frontend.FrontendException;
import dev.jbuild.builder.frontend.FrontendRequest;
import dev.jbuild.executor.StorageException;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.registry.RegistryUnreachableException;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import dev.jbuild.transfer.InvalidArchiveException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one mapping from a module's error family to the line a user reads and the exit code. */
class FailuresTest {
    @TempDir
    Path dir;

    private static Failures.Report report(Throwable e) {
        return Failures.of(e, null, false);
    }

    @Test
    void eachFamilysMessageIsTheLine() throws IOException {
        StoreException missing;
        try (ImageStore store = ImageStore.open(dir.resolve("store"))) {
            missing = assertThrows(StoreException.class, () -> store.image("nope"));
        }
        assertEquals(new Failures.Report("jbuild: " + missing.getMessage(), ExitCode.FAILED), report(missing));

        ImageSpecException badName = assertThrows(ImageSpecException.class, () -> Reference.parseNormalized("UPPER"));
        assertEquals("jbuild: " + badName.getMessage(), report(badName).text());

        FrontendException noContext = assertThrows(FrontendException.class, () -> Frontend.read(
                new FrontendRequest(new ContextSource.Directory(dir.resolve("absent")), null, Map.of(), null, null)));
        assertEquals("jbuild: unable to prepare context: path \"" + dir.resolve("absent") + "\" not found",
                report(noContext).text());

        assertEquals("jbuild: not an image archive", report(new InvalidArchiveException("not an image archive")).text());
        assertEquals("jbuild: cannot reach registry r.example", report(new RegistryUnreachableException(
                "cannot reach registry r.example", new ConnectException("refused"))).text());
        assertEquals("jbuild: overlay mount failed", report(new StorageException("overlay mount failed")).text());
    }

    @Test
    void aFailedBuildIsSaidAsBuildkitSaysIt() {
        assertEquals("jbuild: failed to solve: process \"/bin/sh -c false\" did not complete successfully: exit code: 1",
                report(new BuildException("process \"/bin/sh -c false\" did not complete successfully: exit code: 1")).text());
    }

    @Test
    void aMissingFileIsSaidAsDockerSaysIt() {
        assertEquals("jbuild: open /x/y: no such file or directory", report(new NoSuchFileException("/x/y")).text());
    }

    @Test
    void anythingElseIsAnInternalErrorThatPointsToDebug() {
        Failures.Report report = report(new IllegalStateException("a bug"));
        assertEquals("jbuild: internal error: java.lang.IllegalStateException: a bug (run with --debug for details)",
                report.text());
        assertEquals(ExitCode.FAILED, report.exitCode());
    }

    @Test
    void oneItemAmongSeveralIsTheSameLine() {
        assertEquals("jbuild: bad", Failures.line(new InvalidArchiveException("bad")));
    }
}
