package dev.jbuild.builder.dispatch;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Paths inside a root filesystem, with symlinks resolved as if {@code root} were "/". */
final class RootPaths {
    private static final int MAX_LINKS = 40;

    private RootPaths() {
    }

    /** {@code mkdir -p} inside the root; created directories get mode 0755 and the given owner. */
    static void mkdirs(Path root, String absolute, int uid, int gid) throws IOException {
        Path current = root;
        int links = 0;
        java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
        for (String name : absolute.split("/")) {
            if (!name.isEmpty()) {
                names.addLast(name);
            }
        }
        while (!names.isEmpty()) {
            String name = names.removeFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.equals(root) ? root : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links: " + absolute);
                }
                String target = Files.readSymbolicLink(next).toString();
                java.util.ArrayDeque<String> expanded = new java.util.ArrayDeque<>();
                for (String part : target.split("/")) {
                    if (!part.isEmpty()) {
                        expanded.addLast(part);
                    }
                }
                while (!expanded.isEmpty()) {
                    names.addFirst(expanded.removeLast());
                }
                if (target.startsWith("/")) {
                    current = root;
                }
                continue;
            }
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(next);
                } catch (FileAlreadyExistsException e) {
                    // created meanwhile; checked below
                }
                Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setAttribute(next, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(next, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            } else if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("mkdir " + absolute + ": not a directory");
            }
            current = next;
        }
    }
}
