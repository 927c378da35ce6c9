package dev.jbuild.parser.syntax;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /**
     * One string per usual spelling of each keyword (upper and lower case), shared by every instruction:
     * checks that look at every keyword of a long file then read a few strings that stay in the CPU's
     * cache rather than one string per line from all over the heap.
     */
    private static final Map<String, String> SHARED_KEYWORDS = sharedKeywords();

    private static Map<String, String> sharedKeywords() {
        Map<String, String> shared = new HashMap<>();
        for (String keyword : List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
                "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR")) {
            shared.put(keyword, keyword);
            String lower = keyword.toLowerCase(Locale.ROOT);
            shared.put(lower, lower);
        }
        return Map.copyOf(shared);
    }

    public RawInstruction {
        keyword = SHARED_KEYWORDS.getOrDefault(keyword, keyword);
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
        return keyword.toUpperCase(Locale.ROOT);
    }
}
