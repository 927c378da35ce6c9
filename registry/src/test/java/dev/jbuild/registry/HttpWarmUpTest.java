package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up initialises the JDK client's classes before any request: the client reads its buffer
 * size when they are initialised, so jbuild's must be set before that, or every download runs in 16 kB
 * buffers (a pull of 400 MB a third slower). Checked in a fresh JVM, where nothing else ran first.
 */
class HttpWarmUpTest {
    @Test
    void theClientsBufferSizeIsSetBeforeTheWarmUpInitialisesIt() throws Exception {
        assertEquals("1048576", runProbe());
    }

    private static String runProbe() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.net.http/jdk.internal.net.http.common=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    /** Warms up, then prints the buffer size the client's classes were initialised with. */
    static final class Probe {
        public static void main(String[] args) throws ReflectiveOperationException {
            HttpWarmUp.run();
            var field = Class.forName("jdk.internal.net.http.common.Utils").getDeclaredField("BUFSIZE");
            field.setAccessible(true);
            System.out.println(field.getInt(null));
        }
    }
}
