package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A tree as sorted one-line summaries: path, type and mode, owner, mtime, size and digest, link target, xattrs. */
final class TreeListing {

    private TreeListing() {
    }

    static List<String> of(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                EntryInfo info = EntryInfo.read(path);
                StringBuilder line = new StringBuilder(root.relativize(path).toString())
                        .append(' ').append(Integer.toOctalString(info.mode()))
                        .append(' ').append(info.uid()).append(':').append(info.gid())
                        .append(" mtime=").append(info.mtime().getEpochSecond());
                if (info.isRegularFile()) {
                    line.append(" size=").append(info.size()).append(" sha=").append(sha(path));
                }
                if (info.linkTarget() != null) {
                    line.append(" -> ").append(info.linkTarget());
                }
                if (info.type() == EntryInfo.CHAR_DEVICE) {
                    line.append(" rdev=").append(info.rdev());
                }
                for (Map.Entry<String, byte[]> xattr : info.xattrs().entrySet()) {
                    line.append(' ').append(xattr.getKey()).append('=').append(new String(xattr.getValue()));
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static String sha(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
                    .substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
