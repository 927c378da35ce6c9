package dev.jbuild.parser.ignore;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code path/filepath.Clean} for '/'-separated paths. Docker cleans every
 * {@code .dockerignore} pattern with it, so its quirks are part of the file format: {@code ./a} is
 * {@code a}, {@code a/} is {@code a}, {@code a/../b} is {@code b}, a leading {@code ..} survives in
 * a relative path and is dropped at the root of an absolute one, and an empty result is {@code .}.
 */
final class GoPath {
    private GoPath() {
    }

    static String clean(String path) {
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
    static boolean isCleanRelative(String path) {
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

    private static void appendElement(StringBuilder cleaned, String element, boolean rooted) {
        boolean empty = rooted ? cleaned.length() == 1 : cleaned.length() == 0;
        if (!empty) {
            cleaned.append('/');
        }
        cleaned.append(element);
    }
}
