package dev.jbuild.lint.model;

import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an offset in an instruction's logical line (continuations joined, as {@link RawInstruction#original()}
 * holds it) back to the physical line and column it came from, so findings inside a long RUN point at the
 * line that holds the word. The lexer's joining is replayed: the head line from its first character, each
 * continuation line whole, comment and blank lines inside the continuation skipped, the escape character
 * that continued a line dropped.
 */
public final class LineMap {

    /** A run of logical characters that sit side by side on one physical line. */
    public record Segment(int logicalStart, int line, int column, int length) {}

    private final List<Segment> segments;
    private final int startLine;
    private final int startColumn;
    private final int lastLine;
    private final List<Integer> skippedLines;

    private LineMap(List<Segment> segments, int startLine, int startColumn, int lastLine, List<Integer> skippedLines) {
        this.segments = segments;
        this.startLine = startLine;
        this.startColumn = startColumn;
        this.lastLine = lastLine;
        this.skippedLines = skippedLines;
    }

    public static LineMap of(SyntaxTree tree, RawInstruction raw) {
        int line = raw.range().startLine();
        int column = raw.range().startColumn();
        List<Segment> segments = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        String text = tree.sourceLine(line);
        int from = Math.min(column - 1, text.length());
        int cut = continuationCut(text, tree.escape());
        int end = cut < 0 ? text.length() : cut;
        segments.add(new Segment(0, line, from + 1, Math.max(0, end - from)));
        joined.append(text, from, Math.max(from, end));
        int last = line;
        while (cut >= 0 && last < tree.lines().size()) {
            last++;
            text = tree.sourceLine(last);
            if (isBlank(text) || isComment(text)) {
                skipped.add(last);
                continue;
            }
            cut = continuationCut(text, tree.escape());
            end = cut < 0 ? text.length() : cut;
            segments.add(new Segment(joined.length(), last, 1, end));
            joined.append(text, 0, end);
        }
        if (!joined.toString().equals(raw.original())) {
            // Not the text the parser saw (an edge of the lexer this replay does not know): point at the start.
            return new LineMap(List.of(new Segment(0, line, column, raw.original().length())), line, column, line, List.of());
        }
        return new LineMap(List.copyOf(segments), line, column, last, List.copyOf(skipped));
    }

    /** Line and column of the logical character at {@code offset}; past the end, the end of the last segment. */
    public Position position(int offset) {
        Segment found = segments.get(0);
        for (Segment s : segments) {
            if (s.logicalStart() <= offset) {
                found = s;
            }
        }
        int within = Math.max(0, offset - found.logicalStart());
        return new Position(found.line(), found.column() + within);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The first physical line of the instruction. */
    public int startLine() {
        return startLine;
    }

    public int startColumn() {
        return startColumn;
    }

    /** The last physical line of the logical line itself (heredoc bodies follow it). */
    public int lastLine() {
        return lastLine;
    }

    /** Comment and blank lines inside the continuation, which the logical line leaves out. */
    public List<Integer> skippedLines() {
        return skippedLines;
    }

    /** The lexer's test: the line ends with an unescaped escape character followed only by blanks. */
    static int continuationCut(String line, char escape) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return -1;
        }
        int at = end - 1;
        return at > 0 && line.charAt(at - 1) == escape ? -1 : at;
    }

    private static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!dev.jbuild.grammar.DockerfileLexerBase.isSpace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!dev.jbuild.grammar.DockerfileLexerBase.isSpace(c)) {
                return c == '#';
            }
        }
        return false;
    }
}
