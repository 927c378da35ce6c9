package dev.jbuild.layertar;

import dev.jbuild.platform.PosixOps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Real trees on disk for the tests, and small helpers around them. */
final class TestTrees {
    /**
     * A version-2 file capability: magic 0x02000001 (with the effective flag), permitted low word
     * all ones, permitted high word 0x3f. Contains 0xff bytes and NULs, so any UTF-8 round trip
     * would corrupt it.
     */
    static final String CAPABILITY_HEX = "01000002ffffffff000000003f00000000000000";
    /** A trusted.* value with a NUL, 0xff and a newline. */
    static final String TRUSTED_HEX = "00ff0a41";
    static final String LONG_BASENAME = "n".repeat(150);
    static final String SPLITTABLE_PATH = "p".repeat(90) + "/" + "q".repeat(90);
    static final String UNSPLITTABLE_PATH = "s".repeat(120) + "/" + "t".repeat(120) + "/" + "u".repeat(40);
    static final String NON_ASCII_NAME = "ünïcødé-名前-😀.txt";
    static final long BASE_MTIME = 1_600_000_000L;

    private TestTrees() {
    }

    /** A tree with every kind of entry a layer can hold, with fixed times and owners. */
    static void everyKind(Path root) throws Exception {
        Files.createDirectories(root);
        write(root, "hello.txt", "hello, layer\n");
        write(root, "empty", "");
        write(root, "dir/nested/deeper/file.txt", "deep\n");
        Files.createSymbolicLink(root.resolve("symlink-relative"), Path.of("hello.txt"));
        Files.createSymbolicLink(root.resolve("symlink-absolute"), Path.of("/opt/jbuild-test/absolute-target"));
        Files.createSymbolicLink(root.resolve("dir/dangling"), Path.of("../no/such/target"));
        write(root, "hard-a", "shared inode\n");
        Files.createLink(root.resolve("hard-b"), root.resolve("hard-a"));
        Files.createLink(root.resolve("dir/hard-c"), root.resolve("hard-a"));
        Commands.check(root, "mkfifo", "pipe");
        Commands.check(root, "mknod", "null-device", "c", "1", "3");
        Commands.check(root, "mknod", "loop-device", "b", "7", "200");
        write(root, "setuid-binary", "#!/bin/sh\n");
        Files.setAttribute(root.resolve("setuid-binary"), "unix:mode", 04755);
        Files.createDirectory(root.resolve("setgid-dir"));
        Files.setAttribute(root.resolve("setgid-dir"), "unix:mode", 02775);
        Files.createDirectory(root.resolve("sticky-dir"));
        Files.setAttribute(root.resolve("sticky-dir"), "unix:mode", 01777);
        write(root, "owned-by-1000", "mine\n");
        chown(root.resolve("owned-by-1000"), 1000, 1000);
        Files.createSymbolicLink(root.resolve("link-owned-by-1000"), Path.of("owned-by-1000"));
        chown(root.resolve("link-owned-by-1000"), 1000, 1000);
        write(root, "xattrs", "attributes\n");
        Commands.check(root, "setfattr", "-n", "user.test", "-v", "hello", "xattrs");
        Commands.check(root, "setfattr", "-n", "security.capability", "-v", "0x" + CAPABILITY_HEX, "xattrs");
        Commands.check(root, "setfattr", "-n", "trusted.jbuild", "-v", "0x" + TRUSTED_HEX, "xattrs");
        write(root, LONG_BASENAME, "long name\n");
        write(root, SPLITTABLE_PATH, "ustar prefix\n");
        write(root, UNSPLITTABLE_PATH, "pax path\n");
        write(root, NON_ASCII_NAME, "unicode\n");
        write(root, "日本/ファイル", "nested unicode\n");
        fixTimes(root);
    }

    /** Gives every path below root a distinct whole-second mtime, deepest first so directories keep theirs. */
    static void fixTimes(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(paths::add);
        }
        paths.sort(Comparator.comparing(Path::toString));
        for (int i = paths.size() - 1; i >= 0; i--) {
            setMtime(paths.get(i), BASE_MTIME + i * 3600L);
        }
    }

    static void setMtime(Path path, long seconds) throws IOException {
        if (Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            PosixOps.system().setSpecialFileTimes(path, seconds); // the JDK would open a FIFO and block
            return;
        }
        FileTime time = FileTime.fromMillis(seconds * 1000);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(time, time, null);
    }

    static void chown(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Writes the tree as a layer and returns the tar bytes. */
    static byte[] layerOf(Path root, WriterOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.of(options).writeDirectory(root, out);
        return out.toByteArray();
    }

    static ApplyResult apply(byte[] tar, Path target) throws IOException, UnsafeEntryException {
        return LayerApplier.of(ApplyOptions.defaults()).apply(new ByteArrayInputStream(tar), target);
    }

    static String xattrHex(Path file, String name) throws Exception {
        String output = Commands.check(null, "getfattr", "-h", "--absolute-names", "-e", "hex", "-n", name,
                file.toString());
        for (String line : output.split("\n")) {
            if (line.startsWith(name + "=0x")) {
                return line.substring(name.length() + 3);
            }
        }
        throw new AssertionError("no " + name + " in getfattr output: " + output);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
