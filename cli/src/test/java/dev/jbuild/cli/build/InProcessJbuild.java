package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.cli.testing.InProcessCli.Result;
import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real command line run in this JVM against one store, and a busybox base image to build on. */
final class InProcessJbuild {
    private InProcessJbuild() {
    }

    static Result run(Path store, String... args) {
        return InProcessCli.run(store, args);
    }

    /** Imports {@code busybox:latest} (every applet, /etc/passwd, /tmp) into {@code store}, built under {@code dir}. */
    static void importBusybox(Path store, Path dir) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("busybox/bin"));
        Files.copy(Path.of(Files.exists(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox"), bin.resolve("busybox"));
        Process list = new ProcessBuilder(bin.resolve("busybox").toString(), "--list").start();
        for (String applet : new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
        }
        list.waitFor();
        Files.createDirectories(dir.resolve("busybox/etc"));
        Files.createDirectories(dir.resolve("busybox/tmp"));
        Files.writeString(dir.resolve("busybox/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Result imported = run(store, "import", dir.resolve("busybox").toString(), "busybox:latest");
        assertEquals(0, imported.exit(), imported.err());
    }
}
