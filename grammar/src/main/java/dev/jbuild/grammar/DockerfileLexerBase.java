package dev.jbuild.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;

/**
 * The state the Dockerfile lexer carries between lines: the escape character (which a directive may change
 * half-way through lexing), the logical line being joined across continuations, and the here-document
 * terminators still to be read. The grammar's actions call the {@code on...} methods.
 */
public abstract class DockerfileLexerBase extends Lexer {

    private static final Pattern DIRECTIVE =
            Pattern.compile("^#[ \\t]*([a-zA-Z][a-zA-Z0-9]*)[ \\t]*=[ \\t]*(.+?)[ \\t]*$");
    private static final Set<String> KNOWN_DIRECTIVES = Set.of("syntax", "escape", "check");

    private LogicalLineHandler handler = line -> List.of();
    private char escape = '\\';
    private boolean directivesOpen = true;
    private final List<DirectiveLine> directives = new ArrayList<>();
    private final List<LogicalLine> logicalLines = new ArrayList<>();

    private boolean headLineHasContent;

    // The logical line being joined while in CONTINUATION mode.
    private final StringBuilder joined = new StringBuilder();
    private int joinedStartLine;
    private int joinedStartColumn;
    private int joinedEndLine;
    private final List<Integer> emptyContinuationLines = new ArrayList<>();
    private boolean continuationLineHasContent;

    private final Deque<HeredocTerminator> pendingHeredocs = new ArrayDeque<>();
    private boolean eofSeen;

    private int continuationMode = -1;
    private int heredocStartMode = -1;
    private int heredocEndType = -1;

    protected DockerfileLexerBase(CharStream input) {
        super(input);
    }

    public void setLogicalLineHandler(LogicalLineHandler handler) {
        this.handler = handler;
    }

    public char escape() {
        return escape;
    }

    public List<DirectiveLine> directives() {
        return List.copyOf(directives);
    }

    /** Every logical line in file order; the i-th instruction of the parse tree is the i-th line. */
    public List<LogicalLine> logicalLines() {
        return List.copyOf(logicalLines);
    }

    // ---- head lines ----------------------------------------------------------------------------

    protected void onHeadComment() {
        headLineHasContent = true;
        if (!directivesOpen) {
            return;
        }
        String line = stripLeading(stripNewline(getText()));
        Matcher m = DIRECTIVE.matcher(line);
        if (!m.matches()) {
            directivesOpen = false;
            return;
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        if (!KNOWN_DIRECTIVES.contains(key)) {
            directivesOpen = false;
            return;
        }
        int column = _tokenStartCharPositionInLine + 1;
        if (directives.stream().anyMatch(d -> d.key().equals(key))) {
            throw new DockerfileLexicalException("only one " + key + " parser directive can be used", _tokenStartLine, column);
        }
        String value = m.group(2);
        if (key.equals("escape")) {
            if (!value.equals("\\") && !value.equals("`")) {
                throw new DockerfileLexicalException(
                        "invalid escape token '" + value + "' does not match ` or \\", _tokenStartLine, column);
            }
            escape = value.charAt(0);
        }
        directives.add(new DirectiveLine(key, value, _tokenStartLine, column));
    }

    protected void onHeadNewline() {
        if (!headLineHasContent) {
            directivesOpen = false; // a blank line ends the directive block
        }
        headLineHasContent = false;
    }

    protected void onInstructionLine() {
        headLineHasContent = true;
        directivesOpen = false;
        String line = stripNewline(getText());
        joined.setLength(0);
        emptyContinuationLines.clear();
        joinedStartLine = _tokenStartLine;
        joinedStartColumn = _tokenStartCharPositionInLine + 1;
        joinedEndLine = _tokenStartLine;
        int cut = continuationCut(line);
        if (cut < 0) {
            joined.append(line);
            finishLogicalLine();
        } else {
            joined.append(line, 0, cut);
            continuationLineHasContent = true; // the head line itself; its newline is next
            mode(continuationMode());
        }
    }

    // ---- continuation lines --------------------------------------------------------------------

    protected void onContinuationNewline() {
        if (!continuationLineHasContent) {
            emptyContinuationLines.add(_tokenStartLine);
            joinedEndLine = _tokenStartLine;
        }
        continuationLineHasContent = false;
    }

    protected void onContinuationSkipped(boolean blank) {
        continuationLineHasContent = true;
        joinedEndLine = _tokenStartLine;
        if (blank) {
            emptyContinuationLines.add(_tokenStartLine);
        }
    }

    protected void onContinuationLine() {
        continuationLineHasContent = true;
        joinedEndLine = _tokenStartLine;
        String line = stripNewline(getText());
        int cut = continuationCut(line);
        if (cut < 0) {
            joined.append(line);
            headLineHasContent = true; // the newline that follows ends this instruction, it is not blank
            finishLogicalLine();
        } else {
            joined.append(line, 0, cut);
        }
    }

    // ---- here-documents ------------------------------------------------------------------------

    protected void onHeredocLine() {
        HeredocTerminator current = pendingHeredocs.peek();
        String candidate = stripNewline(getText());
        if (current.chomp()) {
            candidate = stripLeadingTabs(candidate);
        }
        if (candidate.equals(current.name())) {
            setType(heredocEndType());
            pendingHeredocs.poll();
            if (pendingHeredocs.isEmpty()) {
                mode(DEFAULT_MODE);
                headLineHasContent = false;
            }
        }
    }

    @Override
    public Token nextToken() {
        Token token = super.nextToken();
        if (token.getType() == Token.EOF && !eofSeen) {
            eofSeen = true;
            if (_mode == continuationMode()) {
                finishLogicalLine(); // the input may end inside a continuation: the line just ends
            }
            if (!pendingHeredocs.isEmpty()) {
                throw new DockerfileLexicalException("unterminated heredoc", joinedStartLine, joinedStartColumn);
            }
        }
        return token;
    }

    private void finishLogicalLine() {
        LogicalLine line = new LogicalLine(joined.toString(), joinedStartLine, joinedStartColumn, joinedEndLine, emptyContinuationLines);
        logicalLines.add(line);
        List<HeredocTerminator> heredocs = handler.onLogicalLine(line);
        pendingHeredocs.addAll(heredocs);
        if (_mode == continuationMode() || !heredocs.isEmpty()) {
            mode(heredocs.isEmpty() ? DEFAULT_MODE : heredocStartMode());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * BuildKit's continuation test: the line ends with the escape character followed only by spaces or
     * tabs, and that escape is not itself escaped. Returns where to cut the line, or -1.
     */
    int continuationCut(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return -1;
        }
        int escapeAt = end - 1;
        if (escapeAt > 0 && line.charAt(escapeAt - 1) == escape) {
            return -1;
        }
        return escapeAt;
    }

    static String stripNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripLeadingTabs(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\t') {
            i++;
        }
        return s.substring(i);
    }

    /** Go's unicode.IsSpace, which is what BuildKit trims with. */
    public static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F',
                    '\u205F', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    private int continuationMode() {
        if (continuationMode < 0) {
            continuationMode = List.of(getModeNames()).indexOf("CONTINUATION");
        }
        return continuationMode;
    }

    private int heredocStartMode() {
        if (heredocStartMode < 0) {
            heredocStartMode = List.of(getModeNames()).indexOf("HEREDOC_START");
        }
        return heredocStartMode;
    }

    private int heredocEndType() {
        if (heredocEndType < 0) {
            heredocEndType = getTokenType("HEREDOC_END");
        }
        return heredocEndType;
    }
}
