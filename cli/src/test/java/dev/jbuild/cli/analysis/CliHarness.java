package dev.jbuild.cli.analysis;

import dev.jbuild.cli.testing.InProcessCli.Result;
import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real command line on one store, with a busybox base image imported from busybox-static. */
final class CliHarness {
    private final Path root;

    CliHarness(Path root) {
        this.root = root;
    }

    Result run(String... args) {
        return InProcessCli.run(root.resolve("store"), args);
    }

    Result ok(String... args) {
        return InProcessCli.ok(root.resolve("store"), args);
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
