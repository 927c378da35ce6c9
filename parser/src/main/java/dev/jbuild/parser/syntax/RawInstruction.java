package dev.jbuild.parser.syntax;

import java.util.List;

/**
 * One instruction as written, before any meaning is given to it: BuildKit's generic syntax node.
 *
 * @param keyword the keyword with its original case ({@code Run}); compare with {@link #is(String)}
 * @param flags the leading {@code --flag} words in order, quotes and escapes already removed
 * @param args the argument nodes shaped per keyword (JSON elements, words, key/value triples...)
 * @param jsonForm true when the arguments were a JSON array of strings (exec form)
 * @param nested the instruction an ONBUILD wraps, else null
 * @param heredocs here-documents, in the order their markers appear on the line
 * @param original the logical line as read (continuations joined), for messages and lint
 * @param comments the comment lines immediately above the instruction, without the {@code #}
 * @param range where it is in the file
 */
public record RawInstruction(
        String keyword,
        List<String> flags,
        List<String> args,
        boolean jsonForm,
        RawInstruction nested,
        List<Heredoc> heredocs,
        String original,
        List<String> comments,
        SourceRange range) {

    public RawInstruction {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
        comments = List.copyOf(comments);
    }

    public boolean is(String name) {
        return keyword.equalsIgnoreCase(name);
    }

    /** Keyword in upper case, the way messages name an instruction. */
    public String name() {
        return keyword.toUpperCase(java.util.Locale.ROOT);
    }
}
