package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real command line run in this JVM against one store, and a busybox base image to build on. */
final class InProcessJbuild {
    private InProcessJbuild() {
    }

    record Result(int exit, String out, String err) {}

    static Result run(Path store, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--root", store.toString()));
        all.addAll(List.of(args));
        int exit = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(all.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
