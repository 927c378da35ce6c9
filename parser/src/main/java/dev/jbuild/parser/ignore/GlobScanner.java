package dev.jbuild.parser.ignore;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pattern in Go {@code filepath.Match} syntax (Unix flavour, where backslash escapes) into
 * {@link GlobTerm}s, rejecting exactly what Go rejects with {@code ErrBadPattern}.
 *
 * <p>Go checks syntax lazily while matching, but since Go 1.16 it checks the whole pattern before
 * answering, so "the pattern is malformed" does not depend on the name being matched. That lets us
 * check once, here, at compile time.
 *
 * <p>Rules worth knowing, all from Go's documented grammar:
 * <ul>
 *   <li>Negation is {@code [^...]} only; {@code [!...]} is a class containing '!'.</li>
 *   <li>Inside a class, '-' and ']' must be escaped unless ']' closes a non-empty class:
 *       {@code []a]}, {@code [-a]}, {@code [a-]} and {@code [a-b-c]} are all errors.</li>
 *   <li>{@code []} and {@code [^]} are errors (a class must be non-empty).</li>
 *   <li>A trailing lone backslash is an error; {@code \c} means the character c.</li>
 *   <li>A reversed range such as {@code [z-a]} is legal and matches nothing.</li>
 *   <li>An unbracketed ']' is an ordinary character.</li>
 * </ul>
 */
final class GlobScanner {
    private final String pattern;
    private int position;

    private GlobScanner(String pattern) {
        this.pattern = pattern;
    }

    static List<GlobTerm> scan(String pattern) {
        return new GlobScanner(pattern).terms();
    }

    private List<GlobTerm> terms() {
        List<GlobTerm> terms = new ArrayList<>(pattern.length());
        while (position < pattern.length()) {
            int start = position;
            int c = next();
            switch (c) {
                case '*' -> terms.add(GlobTerm.Wildcard.STAR);
                case '?' -> terms.add(GlobTerm.Wildcard.ANY_CHAR);
                case '[' -> terms.add(characterClass(start));
                case '\\' -> {
                    if (atEnd()) {
                        throw bad(start, "trailing backslash");
                    }
                    terms.add(new GlobTerm.Literal(next(), true));
                }
                default -> terms.add(new GlobTerm.Literal(c, false));
            }
        }
        return terms;
    }

    private CharClass characterClass(int openBracket) {
        boolean negated = !atEnd() && peek() == '^';
        if (negated) {
            position++;
        }
        List<Integer> bounds = new ArrayList<>();
        while (true) {
            if (!atEnd() && peek() == ']' && !bounds.isEmpty()) {
                position++;
                return new CharClass(negated, bounds.stream().mapToInt(Integer::intValue).toArray());
            }
            // A ']' here can only mean "[]" or "[^]": a later ']' would have closed the class above.
            int low = classMember(openBracket, "empty character class");
            int high = low;
            if (peek() == '-') {
                position++;
                high = classMember(openBracket, "character range without an upper bound");
            }
            bounds.add(low);
            bounds.add(high);
        }
    }

    /**
     * One character inside brackets, escaped or not. Go also fails when the class ends right after
     * the member, which is what makes {@code [a} and {@code [a-b} unterminated.
     */
    private int classMember(int openBracket, String reasonForClosingBracket) {
        if (atEnd()) {
            throw bad(openBracket, "unterminated character class");
        }
        int c = peek();
        if (c == '-') {
            throw bad(position, "unescaped '-' in character class");
        }
        if (c == ']') {
            throw bad(position, reasonForClosingBracket);
        }
        position += Character.charCount(c);
        if (c == '\\') {
            if (atEnd()) {
                throw bad(openBracket, "unterminated character class");
            }
            c = next();
        }
        if (atEnd()) {
            throw bad(openBracket, "unterminated character class");
        }
        return c;
    }

    private boolean atEnd() {
        return position >= pattern.length();
    }

    private int peek() {
        return pattern.codePointAt(position);
    }

    private int next() {
        int c = pattern.codePointAt(position);
        position += Character.charCount(c);
        return c;
    }

    private BadPatternException bad(int offset, String reason) {
        return new BadPatternException(pattern, offset, reason);
    }
}
