package dev.jbuild.transfer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Names inside an archive, as plain relative paths: {@code ./} prefixes, empty and {@code .}
 * components dropped, a trailing slash removed. Absolute names and any {@code ..} that would climb
 * out of the archive are refused, for entries, link targets and the paths {@code manifest.json}
 * refers to alike.
 */
final class ArchivePath {
    private ArchivePath() {
    }

    /**
     * An entry name or a path a document refers to.
     *
     * @param what how the message names it ({@code archive entry}, {@code manifest.json refers to})
     */
    static String normalize(String name, String what) {
        if (name.indexOf('\0') >= 0) {
            throw new InvalidArchiveException(what + " '" + printable(name) + "' contains a NUL byte");
        }
        if (name.startsWith("/")) {
            throw new InvalidArchiveException(what + " '" + name + "' is an absolute path, outside the archive");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new InvalidArchiveException(what + " '" + name + "' contains '..', which leads outside the archive");
            }
            parts.addLast(part);
        }
        if (parts.isEmpty()) {
            throw new InvalidArchiveException(what + " '" + name + "' names no file");
        }
        return String.join("/", parts);
    }

    /**
     * Where a symlink at {@code link} (normalized) with target {@code target} points, as a normalized
     * archive path; refused when the target is absolute or climbs above the archive's root.
     */
    static String resolveSymlink(String link, String target) {
        if (target.startsWith("/")) {
            throw new InvalidArchiveException("archive entry '" + link + "' is a symlink to the absolute path '"
                    + target + "', outside the archive");
        }
        Deque<String> parts = new ArrayDeque<>();
        int slash = link.lastIndexOf('/');
        if (slash > 0) {
            for (String part : link.substring(0, slash).split("/")) {
                parts.addLast(part);
            }
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidArchiveException("archive entry '" + link + "' is a symlink to '" + target
                            + "', which points outside the archive");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        if (parts.isEmpty()) {
            throw new InvalidArchiveException("archive entry '" + link + "' is a symlink to the archive's root");
        }
        return String.join("/", parts);
    }

    private static String printable(String name) {
        return name.replace("\0", "\\0");
    }
}
