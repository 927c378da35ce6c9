package dev.jbuild.builder.files;

import dev.jbuild.parser.ignore.BadPatternException;
import dev.jbuild.parser.ignore.GlobPattern;

import java.util.ArrayList;
import java.util.List;

/**
 * An include pattern for {@code COPY --parents} (fsutil's prefix match): a path matches when its components
 * match the pattern's components one by one with Go {@code filepath.Match}; a directory on the way to a
 * possible match is a partial match (walked, created only when something inside is taken); {@code **}
 * matches any number of components.
 */
final class PrefixPattern {
    enum Match { NONE, PARTIAL, FULL }

    private final List<GlobPattern> components;

    private PrefixPattern(List<GlobPattern> components) {
        this.components = components;
    }

    static PrefixPattern compile(String pattern) {
        List<GlobPattern> compiled = new ArrayList<>();
        for (String component : pattern.split("/")) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            try {
                compiled.add(GlobPattern.compile(component));
            } catch (BadPatternException e) {
                throw new CopyException("invalid pattern in --parents source: " + pattern);
            }
        }
        return new PrefixPattern(List.copyOf(compiled));
    }

    Match match(String relative) {
        String[] path = relative.isEmpty() ? new String[0] : relative.split("/");
        return match(0, path, 0);
    }

    private Match match(int p, String[] path, int c) {
        if (p == components.size()) {
            return Match.FULL; // everything below a full match is taken
        }
        if (c == path.length) {
            for (int i = p; i < components.size(); i++) {
                if (!components.get(i).pattern().equals("**")) {
                    return Match.PARTIAL;
                }
            }
            return Match.FULL;
        }
        GlobPattern component = components.get(p);
        if (component.pattern().equals("**")) {
            Match skip = match(p + 1, path, c);
            if (skip == Match.FULL) {
                return skip;
            }
            Match consume = match(p, path, c + 1);
            return consume.ordinal() > skip.ordinal() ? consume : skip;
        }
        return component.matches(path[c]) ? match(p + 1, path, c + 1) : Match.NONE;
    }
}
