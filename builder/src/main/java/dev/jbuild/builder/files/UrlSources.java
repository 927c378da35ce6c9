package dev.jbuild.builder.files;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** How BuildKit's Dockerfile frontend tells remote sources apart from local paths. */
final class UrlSources {
    /** BuildKit's file name when a URL path has no last segment. */
    static final String UNNAMED = "__unnamed__";

    private UrlSources() {
    }

    /** An {@code http://} or {@code https://} source that is not a git repository. */
    static boolean isUrl(String source) {
        return (source.startsWith("http://") || source.startsWith("https://")) && !isGit(source);
    }

    /**
     * A git source as BuildKit recognises one: {@code git@host:...}, {@code git://}, {@code ssh://}, or an
     * http(s) URL whose path ends in {@code .git} (optionally followed by {@code #ref}).
     */
    static boolean isGit(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("git@") || lower.startsWith("git://") || lower.startsWith("ssh://")) {
            return true;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            String withoutFragment = lower.contains("#") ? lower.substring(0, lower.indexOf('#')) : lower;
            return withoutFragment.endsWith(".git") || withoutFragment.endsWith(".git/");
        }
        return false;
    }

    /** Go's {@code path.Base(url.Path)}, or {@link #UNNAMED} for "/" and "." (BuildKit's naming of downloads). */
    static String fileName(String url) {
        String path;
        try {
            path = new URI(url).getPath();
        } catch (URISyntaxException e) {
            return UNNAMED;
        }
        if (path == null || path.isEmpty()) {
            return UNNAMED;
        }
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (base.isEmpty() || base.equals(".") || base.equals("/")) {
            return UNNAMED;
        }
        return base;
    }
}
