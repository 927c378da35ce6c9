package dev.jbuild.parser.syntax;

import dev.jbuild.parser.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a logical line into keyword, flags and argument nodes, shaped per keyword exactly as BuildKit's
 * parser does (FORMAT.md §1.3-§1.4). Nothing is expanded and unknown keywords are not rejected here.
 */
final class LineShaper {

    /** BuildKit's "blank run": ASCII only, unlike the Unicode trimming elsewhere. */
    private static final Pattern BLANK_RUN = Pattern.compile("[ \\t\\u000B\\f\\r]+");

    /** A line the parser rejects outright; the caller adds the position. */
    static final class ShapeException extends Exception {
        ShapeException(String message) {
            super(message, null, false, false);
        }
    }

    private LineShaper() {}

    /**
     * ONBUILD nests by re-parsing its arguments; any real file nests once (and the instruction layer refuses
     * more), so a hard limit keeps hostile input from exhausting the stack.
     */
    static final int MAX_ONBUILD_NESTING = 64;

    static ShapedLine shape(String line, char escape) throws ShapeException {
        return shape(line, escape, 0);
    }

    private static ShapedLine shape(String line, char escape, int depth) throws ShapeException {
        if (depth > MAX_ONBUILD_NESTING) {
            throw new ShapeException("ONBUILD nested more than " + MAX_ONBUILD_NESTING + " levels deep");
        }
        String[] parts = BLANK_RUN.split(trim(line), 2);
        String keyword = parts[0];
        List<String> flags = List.of();
        String rest = "";
        if (parts.length == 2) {
            FlagScanner.Result scanned = FlagScanner.scan(parts[1], escape);
            flags = scanned.flags();
            rest = trim(scanned.rest());
        }
        String k = keyword.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "run", "cmd", "entrypoint", "shell" -> jsonOrString(keyword, flags, rest);
            case "add", "copy", "volume" -> jsonOrList(keyword, flags, rest);
            case "from", "expose" -> new ShapedLine(keyword, flags, blankSplit(rest), false, null);
            case "env", "label" -> new ShapedLine(keyword, flags, keyValues(k.toUpperCase(Locale.ROOT), rest, escape), false, null);
            case "arg" -> new ShapedLine(keyword, flags, QuoteAwareWords.split(rest, escape), false, null);
            case "maintainer", "stopsignal", "user", "workdir" ->
                    new ShapedLine(keyword, flags, rest.isEmpty() ? List.of() : List.of(rest), false, null);
            case "healthcheck" -> healthcheck(keyword, flags, rest);
            case "onbuild" -> new ShapedLine(keyword, flags, List.of(), false, rest.isEmpty() ? null : shape(rest, escape, depth + 1));
            default -> new ShapedLine(keyword, flags, List.of(""), false, null);
        };
    }

    private static ShapedLine jsonOrString(String keyword, List<String> flags, String rest) throws ShapeException {
        if (rest.isEmpty()) {
            return new ShapedLine(keyword, flags, List.of(), false, null);
        }
        Optional<List<String>> json = json(rest);
        return json.map(strings -> new ShapedLine(keyword, flags, strings, true, null))
                .orElseGet(() -> new ShapedLine(keyword, flags, List.of(rest), false, null));
    }

    private static ShapedLine jsonOrList(String keyword, List<String> flags, String rest) throws ShapeException {
        Optional<List<String>> json = json(rest);
        return json.map(strings -> new ShapedLine(keyword, flags, strings, true, null))
                .orElseGet(() -> new ShapedLine(keyword, flags, blankSplit(rest), false, null));
    }

    private static ShapedLine healthcheck(String keyword, List<String> flags, String rest) throws ShapeException {
        int sep = 0;
        while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return new ShapedLine(keyword, flags, List.of(), false, null);
        }
        int next = sep;
        while (next < rest.length() && GoText.isSpace(rest.charAt(next))) {
            next++;
        }
        ShapedLine command = jsonOrString(keyword, flags, rest.substring(next));
        List<String> args = new ArrayList<>();
        args.add(rest.substring(0, sep));
        args.addAll(command.args());
        return new ShapedLine(keyword, flags, args, command.jsonForm(), null);
    }

    private static Optional<List<String>> json(String rest) throws ShapeException {
        try {
            return JsonStringArray.parse(rest);
        } catch (JsonStringArray.NotStringArrayException e) {
            throw new ShapeException(e.getMessage());
        }
    }

    private static List<String> blankSplit(String rest) {
        return rest.isEmpty() ? List.of() : List.of(BLANK_RUN.split(rest, -1));
    }

    /** ENV and LABEL: triples (key, value, "=") in the modern form, one (key, value, "") in the legacy form. */
    private static List<String> keyValues(String name, String rest, char escape) throws ShapeException {
        List<String> words = QuoteAwareWords.split(rest, escape);
        if (words.isEmpty()) {
            return List.of();
        }
        if (!words.get(0).contains("=")) {
            String[] parts = BLANK_RUN.split(rest, 2);
            if (parts.length < 2) {
                throw new ShapeException(name + " must have two arguments");
            }
            return List.of(parts[0], parts[1], "");
        }
        List<String> nodes = new ArrayList<>(words.size() * 3);
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new ShapeException("Syntax error - can't find = in " + GoText.quote(word) + ". Must be of the form: name=value");
            }
            nodes.add(word.substring(0, eq));
            nodes.add(word.substring(eq + 1));
            nodes.add("=");
        }
        return nodes;
    }

    /** Go's strings.TrimSpace (Unicode white space). */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && GoText.isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && GoText.isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
