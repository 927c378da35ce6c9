package dev.jbuild.layertar;

import dev.jbuild.platform.PosixOps;
import dev.jbuild.platform.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a whole tree (below its root) into comparable {@link FileState}s. */
final class TreeSnapshot {
    private TreeSnapshot() {
    }

    static Map<String, FileState> of(Path root) throws IOException {
        Map<String, Map<String, byte[]>> xattrs = PosixOps.system().readXattrsRecursively(root);
        Map<String, Map<String, Object>> attributes = new TreeMap<>();
        collect(root, "", attributes);
        Map<String, TreeSet<String>> namesByInode = new HashMap<>();
        attributes.forEach((path, a) -> {
            if ((Integer) a.get("nlink") > 1 && ((Integer) a.get("mode") & 0170000) != 040000) {
                namesByInode.computeIfAbsent(a.get("dev") + ":" + a.get("ino"), k -> new TreeSet<>()).add(path);
            }
        });
        Map<String, FileState> states = new TreeMap<>();
        for (Map.Entry<String, Map<String, Object>> entry : attributes.entrySet()) {
            String path = entry.getKey();
            Map<String, Object> a = entry.getValue();
            int mode = (Integer) a.get("mode");
            String type = switch (mode & 0170000) {
                case 040000 -> "dir";
                case 0100000 -> "file";
                case 0120000 -> "symlink";
                case 020000 -> "char";
                case 060000 -> "block";
                case 010000 -> "fifo";
                case 0140000 -> "socket";
                default -> "unknown";
            };
            Path file = root.resolve(path);
            String content = switch (type) {
                case "file" -> sha256(file);
                case "symlink" -> Files.readSymbolicLink(file).toString();
                case "char", "block" -> {
                    long rdev = (Long) a.get("rdev");
                    yield (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)) + ":"
                            + ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
                }
                default -> "";
            };
            Map<String, String> hexXattrs = new TreeMap<>();
            xattrs.getOrDefault(path, Map.of()).forEach((name, value) -> hexXattrs.put(name, HexFormat.of().formatHex(value)));
            TreeSet<String> group = namesByInode.get(a.get("dev") + ":" + a.get("ino"));
            states.put(path, new FileState(type, Integer.toOctalString(mode & 07777),
                    (Integer) a.get("uid"), (Integer) a.get("gid"),
                    type.equals("file") ? (Long) a.get("size") : 0, content, hexXattrs,
                    ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond(),
                    group == null ? "" : String.join(",", group)));
        }
        return states;
    }

    private static void collect(Path root, String relative, Map<String, Map<String, Object>> into) throws IOException {
        Path dir = relative.isEmpty() ? root : root.resolve(relative);
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        for (Path child : children) {
            String path = relative.isEmpty() ? child.getFileName().toString() : relative + "/" + child.getFileName();
            Map<String, Object> a = Files.readAttributes(child, "unix:*", LinkOption.NOFOLLOW_LINKS);
            into.put(path, a);
            if (((Integer) a.get("mode") & 0170000) == 040000) {
                collect(root, path, into);
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = Sha256.newJdkDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
