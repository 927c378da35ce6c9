package dev.jbuild.cli.analysis;

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

/** The real command line on one store, with a busybox base image imported from busybox-static. */
final class CliHarness {
    record Result(int exit, String out, String err) {
    }

    private final Path root;

    CliHarness(Path root) {
        this.root = root;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--root", root.resolve("store").toString()));
        all.addAll(List.of(args));
        int exit = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(all.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result ok(String... args) {
        Result result = run(args);
        assertEquals(0, result.exit(), () -> String.join(" ", args) + "\n" + result.err());
        return result;
    }

    /** busybox:latest in the store: busybox-static and a few applets. */
    void importBusybox() throws IOException {
        if (Files.exists(root.resolve("busybox"))) {
            ok("import", root.resolve("busybox").toString(), "busybox:latest");
            return;
        }
        Path rootfs = Files.createDirectories(root.resolve("busybox/bin"));
        Files.copy(Path.of(Files.exists(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox"),
                rootfs.resolve("busybox"));
        for (String applet : List.of("sh", "echo", "cat", "ls", "true", "rm", "head", "chmod", "mkdir", "dd")) {
            Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(root.resolve("busybox/etc"));
        Files.createDirectories(root.resolve("busybox/tmp"));
        Files.writeString(root.resolve("busybox/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.resolve("busybox/etc/group"), "root:x:0:\n");
        ok("import", root.resolve("busybox").toString(), "busybox:latest");
    }

    /** busybox:latest, unless this store has it already. */
    void importBusyboxIfMissing() throws IOException {
        if (run("inspect", "busybox:latest").exit() != 0) {
            importBusybox();
        }
    }

    /** A context directory with a Dockerfile and files (name, content pairs). */
    Path context(String name, String dockerfile, String... files) throws IOException {
        Path dir = Files.createDirectories(root.resolve("ctx-" + name));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        for (int i = 0; i < files.length; i += 2) {
            Path file = dir.resolve(files[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, files[i + 1]);
        }
        return dir;
    }
}
