package dev.jbuild.parser.ignore;

import dev.jbuild.platform.GoPaths;
import java.util.List;
import java.util.Objects;

/**
 * The rules of one {@code .dockerignore} file, compiled once and then asked about many paths.
 *
 * <p>Semantics are Docker's (BuildKit and the classic builder share them):
 * <ul>
 *   <li>patterns use Go {@code filepath.Match} syntax on paths relative to the context root;
 *       {@code *} and {@code ?} never cross '/', so {@code *.md} only covers the root;</li>
 *   <li>{@code **} matches any number of directories, including none;</li>
 *   <li>a pattern covers a path if it matches the path or any of its parent directories, so
 *       {@code foo} excludes {@code foo/bar/baz};</li>
 *   <li>the last pattern that covers a path decides: an ordinary line excludes it, a '!' line
 *       includes it again, even inside an excluded directory.</li>
 * </ul>
 *
 * <p>Where Docker's behaviour comes from accidents of its regex translation, jbuild follows
 * {@code filepath.Match} instead; the package documentation lists those cases.
 *
 * <p>Immutable and safe to share between threads; matching allocates at most two small arrays per
 * pattern tried.
 */
public final class DockerIgnore {
    private static final DockerIgnore EMPTY = new DockerIgnore(List.of(), new IgnoreMatcher[0]);

    private final List<IgnorePattern> patterns;
    private final IgnoreMatcher[] matchers;

    private DockerIgnore(List<IgnorePattern> patterns, IgnoreMatcher[] matchers) {
        this.patterns = patterns;
        this.matchers = matchers;
    }

    /**
     * Parses and compiles the text of a {@code .dockerignore} file.
     *
     * @throws DockerIgnoreSyntaxException for a malformed glob or a bare '!', naming the line
     */
    public static DockerIgnore parse(String text) {
        Objects.requireNonNull(text, "text");
        List<IgnorePattern> patterns = List.copyOf(DockerIgnoreReader.read(text));
        IgnoreMatcher[] matchers = new IgnoreMatcher[patterns.size()];
        for (int i = 0; i < matchers.length; i++) {
            IgnorePattern pattern = patterns.get(i);
            List<GlobTerm> terms;
            try {
                terms = GlobScanner.scan(pattern.text());
            } catch (BadPatternException e) {
                throw new DockerIgnoreSyntaxException(pattern.lineNumber(), pattern.toString(),
                        "syntax error in pattern (" + e.reason() + ")", e);
            }
            matchers[i] = IgnoreMatcher.forPattern(pattern.text(), terms);
        }
        return new DockerIgnore(patterns, matchers);
    }

    /** The rules of a context without a {@code .dockerignore}: nothing is excluded. */
    public static DockerIgnore empty() {
        return EMPTY;
    }

    /** The effective lines, in file order. */
    public List<IgnorePattern> patterns() {
        return patterns;
    }

    /**
     * Whether the file or directory at {@code relativePath} is left out of the build context.
     *
     * @param relativePath a path relative to the context root with '/' separators, such as
     *                     {@code src/main.go}; an unclean path ({@code ./a}, {@code a/}, {@code a//b})
     *                     is cleaned first. The context root itself is never excluded.
     */
    public boolean isExcluded(String relativePath) {
        String path = normalize(relativePath);
        if (path == null) {
            return false;
        }
        // Equivalent to Docker's forward pass with skipping: the last pattern that covers the path wins.
        for (int i = matchers.length - 1; i >= 0; i--) {
            if (matchers[i].matchesPathOrParent(path)) {
                return patterns.get(i).exclusion();
            }
        }
        return false;
    }

    /**
     * Whether a walker that found directory {@code dir} excluded must still descend into it, because
     * a later '!' line could include something inside (Docker descends so that {@code !dir/keep}
     * works after {@code dir}). False means every path below {@code dir} is excluded, so the
     * directory can be skipped unread; true is conservative and only says "look inside".
     *
     * <p>Only '!' lines after the last line that excludes {@code dir} (or one of its parents) can
     * matter: that line covers everything below {@code dir} and overrides any earlier exception.
     */
    public boolean mayContainIncludedFiles(String dir) {
        String path = normalize(dir);
        if (path == null) {
            return true;
        }
        int lastExcluding = -1;
        for (int i = matchers.length - 1; i >= 0; i--) {
            if (patterns.get(i).exclusion() && matchers[i].matchesPathOrParent(path)) {
                lastExcluding = i;
                break;
            }
        }
        if (lastExcluding < 0) {
            return true;
        }
        for (int i = lastExcluding + 1; i < matchers.length; i++) {
            if (patterns.get(i).isException()
                    && (matchers[i].matchesPathOrParent(path) || matchers[i].mayMatchBelow(path))) {
                return true;
            }
        }
        return false;
    }

    /** True when there is no effective pattern, so callers can skip matching altogether. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return "DockerIgnore" + patterns;
    }

    /** The clean relative form of a path, or null for the context root. */
    private static String normalize(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        String path = relativePath;
        if (!GoPaths.isCleanRelative(path)) {
            path = GoPaths.clean(path);
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
        }
        return path.isEmpty() || path.equals(".") ? null : path;
    }
}
