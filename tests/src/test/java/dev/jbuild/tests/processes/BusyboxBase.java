package dev.jbuild.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A busybox root file system imported as {@code busybox:latest}, the base every test Dockerfile starts from. */
final class BusyboxBase {
    private BusyboxBase() {
    }

    static void importInto(Path root, Path scratch) throws IOException, InterruptedException {
        Path rootfs = Files.createDirectories(scratch.resolve("busybox-rootfs"));
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        if (!Files.exists(bin.resolve("busybox"))) {
            Path busybox = Path.of(Files.exists(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox");
            Files.copy(busybox, bin.resolve("busybox"));
            Process list = new ProcessBuilder(busybox.toString(), "--list").start();
            for (String applet : new String(list.getInputStream().readAllBytes()).split("\n")) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
                }
            }
            list.waitFor();
            Files.createDirectories(rootfs.resolve("etc"));
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/home:/bin/false\n");
            Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        }
        JbuildProcess.Result imported = JbuildProcess.run(root, scratch, scratch.resolve("logs"),
                "import", rootfs.toString(), "busybox:latest");
        assertEquals(0, imported.exitCode(), imported.err());
    }
}
