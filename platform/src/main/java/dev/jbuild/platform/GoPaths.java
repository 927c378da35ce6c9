package dev.jbuild.platform;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's lexical path functions for '/'-separated paths ({@code path.Clean}, {@code path.Base},
 * {@code filepath.Join("/", p)}), the one copy in jbuild. Docker cleans {@code .dockerignore} patterns,
 * COPY sources and destinations and WORKDIRs with them, so their quirks are part of the file formats:
 * {@code ./a} is {@code a}, {@code a/} is {@code a}, {@code a/../b} is {@code b}, a leading {@code ..}
 * survives in a relative path and is dropped at the root of an absolute one, and an empty result is
 * {@code .}.
 */
public final class GoPaths {
    private GoPaths() {
    }

    /** Go's {@code path.Clean}. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        Deque<String> kept = new ArrayDeque<>();
        int leadingParents = 0; // ".." elements that could not cancel anything (relative paths only)
        for (String element : path.split("/", -1)) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.removeLast();
                } else if (!rooted) {
                    leadingParents++;
                }
                continue;
            }
            kept.addLast(element);
        }
        StringBuilder cleaned = new StringBuilder(path.length());
        if (rooted) {
            cleaned.append('/');
        }
        for (int i = 0; i < leadingParents; i++) {
            appendElement(cleaned, "..", rooted);
        }
        for (String element : kept) {
            appendElement(cleaned, element, rooted);
        }
        if (cleaned.length() == 0) {
            return ".";
        }
        return cleaned.toString();
    }

    /**
     * True when {@link #clean(String)} would return {@code path} unchanged and the path is relative:
     * no empty, "." or ".." element and no leading or trailing '/'. Checked without allocating,
     * because it runs once per file of a build context.
     */
    public static boolean isCleanRelative(String path) {
        int length = path.length();
        if (length == 0 || path.charAt(0) == '/' || path.charAt(length - 1) == '/') {
            return false;
        }
        int elementStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || path.charAt(i) == '/') {
                int elementLength = i - elementStart;
                if (elementLength == 0) {
                    return false;
                }
                if (path.charAt(elementStart) == '.'
                        && (elementLength == 1 || (elementLength == 2 && path.charAt(elementStart + 1) == '.'))) {
                    return false;
                }
                elementStart = i + 1;
            }
        }
        return true;
    }

    /** Go's {@code filepath.Join("/", p)}: absolute and clean; {@code ..} cannot climb above "/". */
    public static String underRoot(String path) {
        return clean("/" + path);
    }

    /** Go's {@code path.Base}: the last element, {@code /} for the root, {@code .} for an empty path. */
    public static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            return "/";
        }
        return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    }

    private static void appendElement(StringBuilder cleaned, String element, boolean rooted) {
        boolean empty = rooted ? cleaned.length() == 1 : cleaned.length() == 0;
        if (!empty) {
            cleaned.append('/');
        }
        cleaned.append(element);
    }
}
