package dev.jbuild.parser.syntax;

import java.util.List;

/**
 * A whole Dockerfile at the syntax level.
 *
 * @param file the name used in messages ({@code Dockerfile}, {@code ci/Dockerfile.test}, {@code -})
 * @param directives the parser directives found at the top, in order
 * @param escape the escape character in force ({@code \} or a backtick)
 * @param instructions every instruction in file order
 * @param warnings non-fatal findings of the parser
 * @param lines the physical lines of the file without line endings, for carets in messages
 */
public record SyntaxTree(
        String file,
        List<Directive> directives,
        char escape,
        List<RawInstruction> instructions,
        List<ParseWarning> warnings,
        List<String> lines) {

    public SyntaxTree {
        directives = List.copyOf(directives);
        instructions = List.copyOf(instructions);
        warnings = List.copyOf(warnings);
        lines = List.copyOf(lines);
    }

    public SourceRange range() {
        RawInstruction first = instructions.get(0);
        RawInstruction last = instructions.get(instructions.size() - 1);
        return new SourceRange(file, first.range().startLine(), first.range().startColumn(), last.range().endLine());
    }

    public java.util.Optional<String> directive(String key) {
        return directives.stream().filter(d -> d.key().equals(key)).map(Directive::value).findFirst();
    }

    /** The physical line {@code n} (1-based), or empty when out of range. */
    public String sourceLine(int n) {
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }
}
