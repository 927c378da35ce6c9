package dev.jbuild.parser.syntax;

import dev.jbuild.grammar.DirectiveLine;
import dev.jbuild.grammar.DockerfileLexer;
import dev.jbuild.grammar.DockerfileLexicalException;
import dev.jbuild.grammar.DockerfileParser;
import dev.jbuild.grammar.HeredocTerminator;
import dev.jbuild.grammar.LogicalLine;
import dev.jbuild.parser.shell.HeredocMarker;
import dev.jbuild.parser.shell.HeredocMarkers;
import dev.jbuild.parser.shell.ShellExpansionException;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Dockerfile text to {@link SyntaxTree}: the ANTLR grammar finds the lines, {@link LineShaper} gives each
 * logical line its keyword, flags and arguments, and here-document bodies are attached to their instruction.
 */
public final class SyntaxParser {

    static final int MAX_LINE_LENGTH = 65_535;

    private final String file;
    private final String text;
    private final List<String> lines;

    private SyntaxParser(String file, String text) {
        this.file = file;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lines = physicalLines(this.text);
    }

    /** Parses a whole Dockerfile; {@code file} is the name used in messages. */
    public static SyntaxTree parse(String text, String file) {
        return new SyntaxParser(file, text).run();
    }

    private SyntaxTree run() {
        checkLineLengths();
        DockerfileLexer lexer = new DockerfileLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        List<Pending> pending = new ArrayList<>();
        lexer.setLogicalLineHandler(line -> shapeLine(line, lexer.escape(), pending));
        DockerfileParser parser = new DockerfileParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object symbol, int line, int col, String msg, RecognitionException e) {
                throw error("syntax error: " + msg, line, col + 1);
            }
        });
        DockerfileParser.DockerfileContext root;
        try {
            root = parser.dockerfile();
        } catch (DockerfileLexicalException e) {
            throw error(e.getMessage(), e.line(), e.column());
        }
        List<RawInstruction> instructions = new ArrayList<>();
        List<ParseWarning> warnings = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        int index = 0;
        for (ParseTree child : root.children) {
            if (child instanceof TerminalNode terminal && terminal.getSymbol().getType() == DockerfileLexer.HEAD_COMMENT) {
                collectComment(terminal.getText(), comments);
            } else if (child instanceof DockerfileParser.InstructionContext ctx) {
                Pending p = pending.get(index++);
                instructions.add(build(p, ctx, comments, warnings));
                comments.clear();
            }
        }
        if (instructions.isEmpty()) {
            throw new DockerfileSyntaxException("file with no instructions", SourceRange.line(file, 1, 1), sourceLine(1));
        }
        List<Directive> directives = lexer.directives().stream()
                .map(d -> new Directive(d.key(), d.value(), SourceRange.line(file, d.line(), d.column())))
                .toList();
        return new SyntaxTree(file, directives, lexer.escape(), instructions, warnings, lines);
    }

    /** A logical line shaped by the lexer callback, waiting for its heredoc bodies. */
    private record Pending(LogicalLine line, ShapedLine shaped, List<HeredocMarker> markers) {}

    private List<HeredocTerminator> shapeLine(LogicalLine line, char escape, List<Pending> pending) {
        ShapedLine shaped;
        try {
            shaped = LineShaper.shape(line.text(), escape);
        } catch (LineShaper.ShapeException e) {
            throw error(e.getMessage(), line.startLine(), line.startColumn());
        }
        List<HeredocMarker> markers;
        try {
            markers = shaped.canContainHeredoc() && line.text().contains("<<") ? HeredocMarkers.find(line.text()) : List.of();
        } catch (ShellExpansionException e) {
            throw error(e.getMessage(), line.startLine(), line.startColumn());
        }
        pending.add(new Pending(line, shaped, markers));
        return markers.stream().map(m -> new HeredocTerminator(m.name(), m.chomp())).toList();
    }

    private RawInstruction build(Pending p, DockerfileParser.InstructionContext ctx, List<String> comments, List<ParseWarning> warnings) {
        LogicalLine line = p.line();
        int endLine = line.endLine();
        List<Heredoc> heredocs = new ArrayList<>();
        if (ctx.heredocs() != null) {
            List<DockerfileParser.HeredocContext> bodies = ctx.heredocs().heredoc();
            for (int i = 0; i < bodies.size(); i++) {
                DockerfileParser.HeredocContext body = bodies.get(i);
                StringBuilder content = new StringBuilder();
                for (TerminalNode bodyLine : body.HEREDOC_LINE()) {
                    content.append(bodyLine.getText());
                }
                HeredocMarker m = p.markers().get(i);
                heredocs.add(new Heredoc(m.name(), m.fileDescriptor(), m.expand(), m.chomp(), content.toString()));
                endLine = body.HEREDOC_END().getSymbol().getLine();
            }
        }
        SourceRange range = new SourceRange(file, line.startLine(), line.startColumn(), endLine);
        if (!line.emptyContinuationLines().isEmpty()) {
            warnings.add(new ParseWarning("NoEmptyContinuation", "Empty continuation line", range));
        }
        return toRaw(p.shaped(), heredocs, line.text(), comments, range);
    }

    private static RawInstruction toRaw(ShapedLine s, List<Heredoc> heredocs, String original, List<String> comments, SourceRange range) {
        RawInstruction nested = s.nested() == null ? null : toRaw(s.nested(), heredocs, original, List.of(), range);
        List<Heredoc> own = s.nested() == null ? heredocs : List.of();
        return new RawInstruction(s.keyword(), s.flags(), s.args(), s.jsonForm(), nested, own, original, comments, range);
    }

    /** BuildKit keeps the comments right above an instruction; an empty {@code #} line starts them afresh. */
    private static void collectComment(String token, List<String> comments) {
        String body = LineShaper.trim(token);
        String comment = LineShaper.trim(body.substring(1));
        if (comment.isEmpty()) {
            comments.clear();
        } else {
            comments.add(comment);
        }
    }

    private void checkLineLengths() {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > MAX_LINE_LENGTH) {
                throw error("dockerfile line greater than max allowed size of " + MAX_LINE_LENGTH, i + 1, 1);
            }
        }
    }

    private DockerfileSyntaxException error(String message, int line, int column) {
        return new DockerfileSyntaxException(message, SourceRange.line(file, line, column), sourceLine(line));
    }

    private String sourceLine(int n) {
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }

    private static List<String> physicalLines(String text) {
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                result.add(stripCarriageReturns(text.substring(start, i)));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            result.add(stripCarriageReturns(text.substring(start)));
        }
        return result;
    }

    private static String stripCarriageReturns(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\r') {
            end--;
        }
        return s.substring(0, end);
    }
}
