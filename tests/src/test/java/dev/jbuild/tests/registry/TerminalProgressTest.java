package dev.jbuild.tests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.ImagePusher;
import dev.jbuild.registry.PushOptions;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistrySettings;
import dev.jbuild.registry.TransferListener;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.registry.testing.Tools;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jbuild pull} on a real terminal (tmux): one line per layer, redrawn in place, Docker's wording. */
class TerminalProgressTest {
    @TempDir
    Path scratch;

    @Test
    void pullOnATerminalEndsWithOneCompleteLinePerLayer() throws Exception {
        Tools.require("tmux");
        Path jar = Path.of(System.getProperty("jbuild.projectRoot", "..")).resolve("cli/target/jbuild.jar");
        assertTrue(Files.isRegularFile(jar), "the fat jar is built before the tests module: " + jar);
        String session = "jbuild-tty-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (RegistryServer registry = RegistryServer.plain(scratch.resolve("registry"))) {
            List<Digest> layers;
            Reference name = Reference.parse(registry.host() + "/tty/app:1");
            try (ImageStore store = ImageStore.open(scratch.resolve("source"))) {
                ImageRecord image = TestImages.layered(store, scratch, 3, 3_000_000, 40, "app:1");
                new ImagePusher(store, new Registries(RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                        .withDockerConfigDirectory(scratch.resolve("docker"))), TransferListener.NONE)
                        .push("app:1", name, PushOptions.defaults());
                layers = image.diffIds().stream()
                        .map(d -> compressed(store, d)).toList();
            }
            String command = Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + jar + " --root "
                    + scratch.resolve("pulled") + " pull " + name + "; echo EXIT=$?; sleep 60";
            Tools.run(scratch, "tmux", "-L", session, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    "env", "HOME=" + scratch, "TERM=xterm", "sh", "-c", command);
            String screen = "";
            for (int i = 0; i < 600 && !screen.contains("EXIT="); i++) {
                Thread.sleep(100);
                screen = Tools.run(scratch, "tmux", "-L", session, "capture-pane", "-p", "-t", session);
            }
            assertTrue(screen.contains("EXIT=0"), screen);
            for (Digest layer : layers) {
                long lines = screen.lines().filter(l -> l.startsWith(layer.shortId() + ":")).count();
                assertEquals(1, lines, "one line per layer, redrawn in place:\n" + screen);
                assertTrue(screen.lines().anyMatch(l -> l.matches(layer.shortId()
                        + ": Pull complete  3\\.\\d+MB  [\\d.]+[kMG]?B/s")), screen);
            }
            assertFalse(screen.contains("Downloading"), "no progress line is left behind:\n" + screen);
            assertTrue(screen.contains("Status: Downloaded newer image for " + name.familiarString()), screen);
        } finally {
            Tools.exec(scratch, List.of("tmux", "-L", session, "kill-server"));
        }
    }

    private static Digest compressed(ImageStore store, Digest diffId) {
        try {
            return store.compressedCache().cached(diffId, Compression.GZIP).orElseThrow().digest();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
