package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One pass of BuildKit's shell-word lexer over one input: quotes, escapes, {@code $} expansions
 * and word splitting. Single use; {@link ShellExpander} creates one per call.
 */
final class ShellWordLexer {
    /**
     * Deepest {@code ${...}} nesting accepted. Go's growable stacks have no such limit; a fixed
     * one keeps absurd input from overflowing the Java stack. No real Dockerfile comes close.
     */
    static final int MAX_NESTING = 500;

    private static final int EOF = CodePointScanner.EOF;

    private final CodePointScanner scanner;
    private final LexerSettings settings;
    private final VariableLookup env;
    private final Set<String> matched = new LinkedHashSet<>();
    private final Set<String> unmatched = new LinkedHashSet<>();
    private boolean rawEscapes;
    private int nesting;

    /** Text and words of one processed stretch of input. */
    record Fragment(String text, List<String> words) {
    }

    ShellWordLexer(String input, LexerSettings settings, VariableLookup env) {
        this.scanner = new CodePointScanner(input);
        this.settings = settings;
        this.env = env;
        this.rawEscapes = settings.rawEscapes();
    }

    Fragment processAll() {
        return processStopOn(EOF, settings.rawEscapes());
    }

    Set<String> matched() {
        return matched;
    }

    Set<String> unmatched() {
        return unmatched;
    }

    /**
     * Processes input until {@code stopChar} (consumed) or the end. Nested words of
     * {@code ${...}} modifiers run with their own escape mode, restored afterwards.
     */
    private Fragment processStopOn(int stopChar, boolean rawEscapesHere) {
        boolean outerRawEscapes = rawEscapes;
        rawEscapes = rawEscapesHere;
        try {
            StringBuilder result = new StringBuilder();
            WordCollector words = new WordCollector();
            while (scanner.peek() != EOF) {
                int ch = scanner.peek();
                if (stopChar != EOF && ch == stopChar) {
                    scanner.next();
                    return new Fragment(result.toString(), words.finish());
                }
                if (ch == '$') {
                    String expanded = processDollar();
                    if (result.length() + expanded.length() > ExpansionLimits.MAX_VALUE) {
                        throw ExpansionLimits.valueTooLong();
                    }
                    result.append(expanded);
                    words.addSplittable(expanded);
                    continue;
                }
                String special = processQuoteOrHeredocStart(ch);
                if (special != null) {
                    result.append(special);
                    words.addLiteral(special);
                    continue;
                }
                ch = scanner.next();
                if (ch == settings.escapeToken()) {
                    if (rawEscapes) {
                        words.addLiteral(ch);
                        result.appendCodePoint(ch);
                    }
                    ch = scanner.next();
                    if (ch == EOF) {
                        break; // an escape at the very end is dropped
                    }
                    words.addLiteral(ch);
                } else {
                    words.addSplittable(ch);
                }
                result.appendCodePoint(ch);
            }
            if (stopChar != EOF) {
                throw new LexFailure("unexpected end of statement while looking for matching "
                        + GoText.runeToString(stopChar));
            }
            return new Fragment(result.toString(), words.finish());
        } finally {
            rawEscapes = outerRawEscapes;
        }
    }

    /** Handles {@code '}, {@code "} and {@code <}; null when {@code ch} is none of them. */
    private String processQuoteOrHeredocStart(int ch) {
        if (ch == '<') {
            return processPossibleHeredoc();
        }
        if (settings.skipProcessQuotes()) {
            return null;
        }
        if (ch == '\'') {
            return processSingleQuote();
        }
        if (ch == '"') {
            return processDoubleQuote();
        }
        return null;
    }

    private String processSingleQuote() {
        StringBuilder result = new StringBuilder();
        int ch = scanner.next();
        if (settings.rawQuotes()) {
            result.appendCodePoint(ch);
        }
        while (true) {
            ch = scanner.next();
            if (ch == EOF) {
                throw new LexFailure("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (settings.rawQuotes()) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            result.appendCodePoint(ch);
        }
    }

    /**
     * Inside double quotes only {@code $} expands, and the escape character only escapes
     * {@code "}, {@code $} and itself; before anything else it stays as written.
     */
    private String processDoubleQuote() {
        StringBuilder result = new StringBuilder();
        int ch = scanner.next();
        if (settings.rawQuotes()) {
            result.appendCodePoint(ch);
        }
        while (true) {
            int peeked = scanner.peek();
            if (peeked == EOF) {
                throw new LexFailure("unexpected end of statement while looking for matching double-quote");
            }
            if (peeked == '"') {
                ch = scanner.next();
                if (settings.rawQuotes()) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            if (peeked == '$') {
                result.append(processDollar());
                continue;
            }
            ch = scanner.next();
            if (ch == settings.escapeToken()) {
                if (rawEscapes) {
                    result.appendCodePoint(ch);
                }
                int escaped = scanner.peek();
                if (escaped == EOF) {
                    continue; // the loop then reports the missing closing quote
                }
                if (escaped == '"' || escaped == '$' || escaped == settings.escapeToken()) {
                    ch = scanner.next();
                }
            }
            result.appendCodePoint(ch);
        }
    }

    /**
     * BuildKit keeps {@code <<} together with the spaces, tabs and CRs after it as one piece of
     * a word, so that {@code << EOF} stays one word for heredoc detection.
     */
    private String processPossibleHeredoc() {
        scanner.next();
        if (scanner.peek() != '<') {
            return "<";
        }
        scanner.next();
        StringBuilder result = new StringBuilder("<<");
        while (scanner.peek() == ' ' || scanner.peek() == '\t' || scanner.peek() == '\r') {
            result.appendCodePoint(scanner.next());
        }
        return result.toString();
    }

    private String processDollar() {
        scanner.next();
        if (scanner.peek() != '{') {
            String name = processName();
            if (name.isEmpty()) {
                return "$";
            }
            String value = lookup(name);
            if (value == null) {
                return settings.skipUnset() ? "$" + name : "";
            }
            return value;
        }
        scanner.next();
        int first = scanner.peek();
        if (first == EOF) {
            throw missingBrace();
        }
        if (first == '{' || first == '}' || first == ':') {
            throw new LexFailure("syntax error: bad substitution");
        }
        if (++nesting > MAX_NESTING) {
            throw new LexFailure("syntax error: ${...} nested more than " + MAX_NESTING + " levels deep");
        }
        try {
            return processBraced(processName());
        } finally {
            nesting--;
        }
    }

    /** The part of {@code ${name...}} after the name. */
    private String processBraced(String name) {
        int ch = scanner.next();
        if (ch == EOF) {
            throw missingBrace();
        }
        if (ch == '}') {
            String value = lookup(name);
            if (value == null) {
                return settings.skipUnset() ? "${" + name + "}" : "";
            }
            return value;
        }
        if (ch == '/') {
            return processReplacement(name);
        }
        String modifierText = GoText.runeToString(ch);
        boolean nullIsUnset = ch == ':';
        int modifier = ch;
        if (nullIsUnset) {
            modifier = scanner.next();
            if (modifier == EOF) {
                throw missingBrace();
            }
            modifierText += GoText.runeToString(modifier);
        } else if ("+-?#%".indexOf(ch) < 0) {
            throw unsupportedModifier(modifierText);
        }
        // Patterns keep their escapes so the glob can tell \* from *.
        boolean isPattern = modifier == '#' || modifier == '%';
        if (nullIsUnset && isPattern) {
            throw unsupportedModifier(modifierText);
        }
        String word = processNestedWord('}', isPattern, "syntax error: missing '}'");

        String value = lookup(name);
        boolean set = value != null;
        if (!set && settings.skipUnset()) {
            return "${" + name + modifierText + word + "}";
        }
        boolean empty = !set || (nullIsUnset && value.isEmpty());
        switch (modifier) {
            case '-':
                return empty ? word : value;
            case '+':
                return empty ? "" : word;
            case '?':
                if (!set) {
                    throw new LexFailure(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                if (empty) {
                    throw new LexFailure(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                }
                return value;
            case '#':
            case '%':
                return trim(modifier, word, set ? value : "");
            default:
                throw unsupportedModifier(modifierText);
        }
    }

    /** {@code #}/{@code %} trim the shortest match, {@code ##}/{@code %%} the longest. */
    private static String trim(int modifier, String word, String value) {
        boolean longest = !word.isEmpty() && word.charAt(0) == modifier;
        String glob = longest ? word.substring(1) : word;
        return modifier == '%'
                ? PatternOperations.trimSuffix(glob, value, longest)
                : PatternOperations.trimPrefix(glob, value, longest);
    }

    private String processReplacement(String name) {
        boolean replaceAll = scanner.peek() == '/';
        if (replaceAll) {
            scanner.next();
        }
        String glob = processNestedWord('/', true, "syntax error: missing '/' in ${}");
        String replacement = processNestedWord('}', true, "syntax error: missing '}'");

        String value = lookup(name);
        if (value == null && settings.skipUnset()) {
            // BuildKit writes a single '/' back here even for '//'.
            return "${" + name + "/" + glob + "/" + replacement + "}";
        }
        String subject = value == null ? "" : value;
        return replaceAll
                ? PatternOperations.replaceAll(glob, subject, replacement)
                : PatternOperations.replaceFirst(glob, subject, replacement);
    }

    /**
     * Processes the word of a modifier up to {@code stopChar}. When the input ran out, BuildKit
     * reports the missing terminator rather than whatever failed inside.
     */
    private String processNestedWord(int stopChar, boolean rawEscapesHere, String missingTerminator) {
        try {
            return processStopOn(stopChar, rawEscapesHere).text();
        } catch (LexFailure failure) {
            if (scanner.peek() == EOF) {
                throw new LexFailure(missingTerminator);
            }
            throw failure;
        }
    }

    /**
     * A name is a run of digits, one special parameter character, or a letter/underscore run
     * (Unicode letters and digits allowed).
     */
    private String processName() {
        StringBuilder name = new StringBuilder();
        while (scanner.peek() != EOF) {
            int ch = scanner.peek();
            if (name.length() == 0 && GoText.isDigit(ch)) {
                while (scanner.peek() != EOF && GoText.isDigit(scanner.peek())) {
                    name.appendCodePoint(scanner.next());
                }
                return name.toString();
            }
            if (name.length() == 0 && isSpecialParameter(ch)) {
                return GoText.runeToString(scanner.next());
            }
            if (!GoText.isLetter(ch) && !GoText.isDigit(ch) && ch != '_') {
                break;
            }
            name.appendCodePoint(scanner.next());
        }
        return name.toString();
    }

    private static boolean isSpecialParameter(int ch) {
        return "@*#?-$!0".indexOf(ch) >= 0;
    }

    private String lookup(String name) {
        String value = settings.caseInsensitiveNames() ? env.getIgnoringCase(name) : env.get(name);
        (value == null ? unmatched : matched).add(name);
        return value;
    }

    private static LexFailure missingBrace() {
        return new LexFailure("syntax error: missing '}'");
    }

    private static LexFailure unsupportedModifier(String modifierText) {
        return new LexFailure("unsupported modifier (" + modifierText + ") in substitution");
    }
}
