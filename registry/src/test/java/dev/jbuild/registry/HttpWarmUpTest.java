package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up initialises the JDK client's classes before any request: the client reads its buffer
 * size when they are initialised, so jbuild's must be set before that, or every download runs in 16 kB
 * buffers (a pull of 400 MB a third slower). Checked in a fresh JVM, where nothing else ran first.
 */
class HttpWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void theClientsBufferSizeIsSetBeforeTheWarmUpInitialisesIt() throws Exception {
        assertEquals("1048576", runProbe());
    }

    @Test
    void theNativeTlsLibraryIsLoadedAheadOnlyForARegistryElsewhere() {
        assertTrue(HttpWarmUp.onAnotherMachine("debian"));
        assertTrue(HttpWarmUp.onAnotherMachine("ghcr.io/o/r:t"));
        assertTrue(HttpWarmUp.onAnotherMachine("registry.example:5000/app@sha256:" + "a".repeat(64)));
        assertFalse(HttpWarmUp.onAnotherMachine("127.0.0.1:5000/app:1"));
        assertFalse(HttpWarmUp.onAnotherMachine("localhost:5000/app"));
        assertFalse(HttpWarmUp.onAnotherMachine("Not A Name"));
    }

    private String runProbe() throws IOException, InterruptedException {
        Path answer = dir.resolve("bufsize");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.net.http/jdk.internal.net.http.common=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), answer.toString()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return Files.readString(answer);
    }

    /** Warms up, then writes the buffer size the client's classes were initialised with to the file it is given. */
    static final class Probe {
        public static void main(String[] args) throws ReflectiveOperationException, IOException {
            HttpWarmUp.run("127.0.0.1:5000/app:1");
            var field = Class.forName("jdk.internal.net.http.common.Utils").getDeclaredField("BUFSIZE");
            field.setAccessible(true);
            Files.writeString(Path.of(args[0]), String.valueOf(field.getInt(null)));
        }
    }
}
