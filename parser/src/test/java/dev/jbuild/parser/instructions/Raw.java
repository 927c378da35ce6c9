package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SourceRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the syntax nodes a real parser would produce, shaped as FORMAT.md §1.4 describes. */
final class Raw {
    private final String keyword;
    private final List<String> args;
    private final List<String> flags = new ArrayList<>();
    private final List<Heredoc> heredocs = new ArrayList<>();
    private boolean json;
    private Raw nested;
    private int line = 1;
    private String original;

    private Raw(String keyword, List<String> args) {
        this.keyword = keyword;
        this.args = args;
    }

    /** Argument nodes as given (one node per element). */
    static Raw of(String keyword, String... args) {
        return new Raw(keyword, Arrays.asList(args));
    }

    /** Exec (JSON) form: one node per array element. */
    static Raw json(String keyword, String... elements) {
        Raw raw = new Raw(keyword, Arrays.asList(elements));
        raw.json = true;
        return raw;
    }

    Raw flags(String... words) {
        flags.addAll(Arrays.asList(words));
        return this;
    }

    Raw at(int startLine) {
        this.line = startLine;
        return this;
    }

    Raw heredoc(String name, String content) {
        heredocs.add(new Heredoc(name, 0, true, false, content));
        return this;
    }

    Raw heredoc(Heredoc heredoc) {
        heredocs.add(heredoc);
        return this;
    }

    Raw nested(Raw inner) {
        this.nested = inner;
        return this;
    }

    Raw original(String text) {
        this.original = text;
        return this;
    }

    RawInstruction build() {
        String text = original != null ? original : defaultOriginal();
        RawInstruction inner = nested == null ? null : nested.at(line).build();
        return new RawInstruction(keyword, flags, args, json, inner, heredocs, text, List.of(),
                SourceRange.line("Dockerfile", line, 1));
    }

    private String defaultOriginal() {
        StringBuilder text = new StringBuilder(keyword);
        flags.forEach(f -> text.append(' ').append(f));
        if (nested != null) {
            text.append(' ').append(nested.build().original());
        }
        args.forEach(a -> text.append(' ').append(a));
        return text.toString();
    }

    Instruction parse() {
        return InstructionParser.parse(build());
    }

    @SuppressWarnings("unchecked")
    <T extends Instruction> T parseAs(Class<T> type) {
        Instruction instruction = parse();
        assertEquals(type, instruction.getClass());
        return (T) instruction;
    }

    /** Asserts the instruction is rejected with exactly this message, at its own line. */
    DockerfileSyntaxException fails(String message) {
        DockerfileSyntaxException e = assertThrows(DockerfileSyntaxException.class, this::parse);
        assertEquals(message, e.getMessage());
        assertEquals(line, e.range().startLine());
        return e;
    }

    /** Like {@link #fails(String)}, also asserting the hint (null for none). */
    DockerfileSyntaxException fails(String message, String hint) {
        DockerfileSyntaxException e = fails(message);
        assertEquals(hint, e.hint());
        return e;
    }
}
