package dev.jbuild.transfer;

import dev.jbuild.imagespec.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A tree as type, permissions, owner and content digest per path: what two unpackers must agree on. */
final class TreePictures {
    private TreePictures() {
    }

    static Map<String, String> detailed(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                try {
                    PosixFileAttributes attrs = Files.readAttributes(p, PosixFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                    int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
                    String what;
                    if (attrs.isSymbolicLink()) {
                        what = "link " + Files.readSymbolicLink(p);
                    } else if (attrs.isDirectory()) {
                        what = "dir " + PosixFilePermissions.toString(attrs.permissions());
                    } else {
                        what = "file " + PosixFilePermissions.toString(attrs.permissions()) + " "
                                + Digest.of(Files.readAllBytes(p));
                    }
                    out.put(root.relativize(p).toString(), what + " " + uid + ":" + gid);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out;
    }

    static final Path BUSYBOX = Path.of("/bin/busybox");

    /**
     * A busybox root file system: the static binary (Debian's busybox-static) and a few applet links;
     * without busybox installed, a shell script stands in for it (the image is still an image, it just
     * cannot run).
     */
    static Path busyboxRootfs(Path parent) throws IOException {
        Path root = Files.createTempDirectory(parent, "busybox");
        Path bin = Files.createDirectories(root.resolve("bin"));
        if (Files.isRegularFile(BUSYBOX)) {
            Files.copy(BUSYBOX, bin.resolve("busybox"));
        } else {
            Files.writeString(bin.resolve("busybox"), "#!/bin/sh\necho busybox stand-in\n");
            bin.resolve("busybox").toFile().setExecutable(true, false);
        }
        for (String applet : new String[] {"sh", "ls", "cat", "echo", "true"}) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.createDirectories(root.resolve("tmp"));
        return root;
    }
}
