package dev.jbuild.builder.files;

import dev.jbuild.platform.GoPaths;

/** Path arithmetic on '/'-separated source and destination strings, with Go's cleaning rules. */
final class SourcePaths {
    private SourcePaths() {
    }

    /** Go's {@code filepath.Join("/", p)}: absolute and clean; {@code ..} cannot climb above "/". */
    static String cleanAbsolute(String path) {
        return GoPaths.underRoot(path);
    }

    /** The clean path relative to the root ("" for the root itself). */
    static String cleanRelative(String path) {
        return cleanAbsolute(path).substring(1);
    }

    /** True when the destination names a directory: it ends with '/' or '/.' (BuildKit keeps that marker). */
    static boolean namesDirectory(String destination) {
        return destination.endsWith("/") || destination.endsWith("/.");
    }

    /** The last component of a clean relative path ("" for the root). */
    static String baseName(String relative) {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    /** The parent of a clean relative path ("" for top-level names and the root). */
    static String parent(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /** BuildKit's {@code containsWildcards}: '*', '?' or '[' not escaped by a backslash. */
    static boolean containsWildcards(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits a clean relative path before its first component with a wildcard: the literal directory part and
     * the pattern part (empty when there is no wildcard).
     */
    static String[] splitWildcards(String relative) {
        String[] components = relative.isEmpty() ? new String[0] : relative.split("/");
        int first = components.length;
        for (int i = 0; i < components.length; i++) {
            if (containsWildcards(components[i])) {
                first = i;
                break;
            }
        }
        return new String[] {
            String.join("/", java.util.Arrays.asList(components).subList(0, first)),
            String.join("/", java.util.Arrays.asList(components).subList(first, components.length))
        };
    }
}
