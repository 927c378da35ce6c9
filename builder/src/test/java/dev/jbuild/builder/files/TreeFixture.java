package dev.jbuild.builder.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds real directory trees from a compact spec and lists trees back in the same spirit, so a test states
 * an input tree and the exact expected output tree as text.
 *
 * <p>Spec lines: {@code f PATH CONTENT [MODE] [UID:GID]}, {@code d PATH [MODE] [UID:GID]},
 * {@code l PATH TARGET}. Content {@code -} means empty; files get mtime {@link #MTIME}.
 */
final class TreeFixture {
    static final long MTIME = 1_200_000_000L;

    private TreeFixture() {
    }

    static void create(Path root, String spec) throws IOException {
        Files.createDirectories(root);
        List<Path> directories = new ArrayList<>();
        for (String line : spec.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split(" +");
            Path path = root.resolve(f[1]);
            Files.createDirectories(path.getParent());
            switch (f[0]) {
                case "f" -> {
                    Files.writeString(path, f[2].equals("-") ? "" : f[2]);
                    Files.setAttribute(path, "unix:mode", f.length > 3 ? Integer.parseInt(f[3], 8) : 0644);
                    owner(path, f, 4);
                    Files.setLastModifiedTime(path, FileTime.fromMillis(MTIME * 1000));
                }
                case "d" -> {
                    Files.createDirectories(path);
                    Files.setAttribute(path, "unix:mode", f.length > 2 ? Integer.parseInt(f[2], 8) : 0755);
                    owner(path, f, 3);
                    directories.add(path);
                }
                case "l" -> Files.createSymbolicLink(path, Path.of(f[2]));
                default -> throw new IllegalArgumentException(line);
            }
        }
        for (Path directory : directories) {
            Files.setLastModifiedTime(directory, FileTime.fromMillis(MTIME * 1000));
        }
    }

    private static void owner(Path path, String[] f, int index) throws IOException {
        if (f.length > index) {
            String[] ids = f[index].split(":");
            Files.setAttribute(path, "unix:uid", Integer.parseInt(ids[0]), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", Integer.parseInt(ids[1]), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * Every entry below {@code root}, sorted: {@code PATH TYPE MODE UID:GID} and {@code = content} for files,
     * {@code -> target} for links. The root itself is not listed.
     */
    static String list(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted().toList()) {
                if (path.equals(root)) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                String rel = root.relativize(path).toString();
                String owner = a.get("uid") + ":" + a.get("gid");
                String perms = String.format("%04o", mode & 07777);
                if (Files.isSymbolicLink(path)) {
                    lines.add(rel + " l " + owner + " -> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    lines.add(rel + " d " + perms + " " + owner);
                } else {
                    lines.add(rel + " f " + perms + " " + owner + " = "
                            + new String(Files.readAllBytes(path), StandardCharsets.UTF_8).replace("\n", "|"));
                }
            }
        }
        return String.join("\n", lines);
    }

    static long mtime(Path path) throws IOException {
        return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis() / 1000;
    }
}
