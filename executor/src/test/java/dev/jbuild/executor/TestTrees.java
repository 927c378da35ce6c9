package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds the root file systems and lower directories the tests run on. */
final class TestTrees {
    /** A fixed, whole-second mtime, as layer extraction leaves it. */
    static final long EPOCH_SECONDS = 1_600_000_000L;

    static final String PASSWD = String.join("\n",
            "root:x:0:0:root:/root:/bin/sh",
            "daemon:x:1:1:daemon:/usr/sbin:/bin/false",
            "user:x:1000:1000:User:/home/user:/bin/sh",
            "app:x:1001:1001:App:/home/app:/bin/sh",
            "");
    static final String GROUP = String.join("\n",
            "root:x:0:",
            "daemon:x:1:",
            "wheel:x:10:root,app",
            "staff:x:50:app",
            "user:x:1000:",
            "app:x:1001:",
            "");

    private TestTrees() {
    }

    /**
     * A busybox root file system laid out like the busybox image: /bin/busybox from busybox-static
     * and a relative symlink for every applet where {@code busybox --list-full} puts it (what
     * {@code busybox --install -s} does, minus the absolute host paths it would write),
     * /etc/passwd and /etc/group, /tmp and the users' homes. Deliberately no /proc, /dev, /sys or
     * /etc/hosts: the runtime must create those mount points, and they must not show in a diff.
     */
    static Path busyboxRootfs(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(busybox(), bin.resolve("busybox"));
        for (String applet : sh(dir, "bin/busybox --list-full").split("\n")) {
            if (applet.isBlank() || applet.equals("bin/busybox")) {
                continue;
            }
            Path link = dir.resolve(applet);
            Files.createDirectories(link.getParent());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, link.getParent().relativize(bin.resolve("busybox")));
            }
        }
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), PASSWD, StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("group"), GROUP, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(dir.resolve("home/user"));
        Files.createDirectories(dir.resolve("home/app"));
        sh(dir, "chmod 1777 tmp && chmod 700 root && chown 1000:1000 home/user && chown 1001:1001 home/app");
        setWholeSecondTimes(dir);
        return dir;
    }

    static Path busybox() {
        for (String candidate : List.of("/bin/busybox", "/usr/bin/busybox")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("busybox-static is not installed (apt-get install -y busybox-static)");
    }

    /** Gives every entry below {@code dir} (not dir itself) the same whole-second mtime. */
    static void setWholeSecondTimes(Path dir) throws IOException {
        sh(dir, "find . -mindepth 1 -exec touch -h -d @" + EPOCH_SECONDS + " {} +");
    }

    /** Runs a host shell command in {@code dir}, failing the test when it fails. */
    static String sh(Path dir, String command) throws IOException {
        Commands.Result result = Commands.run(List.of("/bin/sh", "-c", command), dir);
        if (!result.succeeded()) {
            throw new IOException("'" + command + "' failed in " + dir + ": " + result.output());
        }
        return result.output();
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
