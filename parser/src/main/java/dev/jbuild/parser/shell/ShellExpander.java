package dev.jbuild.parser.shell;

import java.util.List;
import java.util.Objects;

/**
 * BuildKit's shell-word variable expansion ({@code frontend/dockerfile/shell}), configured
 * once and immutable: expand {@code $VAR} / {@code ${VAR...}}, remove quotes, process escapes,
 * and optionally split into words. Safe to share between threads.
 */
public final class ShellExpander {
    private final LexerSettings settings;

    /**
     * @param escapeToken the Dockerfile escape character, {@code '\\'} or {@code '`'}; it plays
     *     the role of the shell's backslash in the lexer. Glob patterns of {@code ${x#...}},
     *     {@code ${x%...}} and {@code ${x/...}} still escape with {@code \}, as in BuildKit.
     */
    public ShellExpander(char escapeToken) {
        this(LexerSettings.defaults(validEscapeToken(escapeToken)));
    }

    private ShellExpander(LexerSettings settings) {
        this.settings = settings;
    }

    private static char validEscapeToken(char escapeToken) {
        if (escapeToken != '\\' && escapeToken != '`') {
            throw new IllegalArgumentException("escape token must be \\ or `, not " + escapeToken);
        }
        return escapeToken;
    }

    /** Keep quote characters in the output (BuildKit's {@code RawQuotes}). */
    public ShellExpander withRawQuotes(boolean rawQuotes) {
        return new ShellExpander(settings.withRawQuotes(rawQuotes));
    }

    /**
     * Keep escape characters in the output (BuildKit's {@code RawEscapes}). As in BuildKit, the
     * words of {@code ${x-word}}, {@code ${x+word}} and {@code ${x?word}} still have their escapes
     * processed.
     */
    public ShellExpander withRawEscapes(boolean rawEscapes) {
        return new ShellExpander(settings.withRawEscapes(rawEscapes));
    }

    /** Leave unset {@code $VAR}/{@code ${VAR...}} as written instead of expanding to "" (BuildKit's {@code SkipUnsetEnv}). */
    public ShellExpander withSkipUnset(boolean skipUnset) {
        return new ShellExpander(settings.withSkipUnset(skipUnset));
    }

    /**
     * Treat quotes as ordinary characters (BuildKit's {@code SkipProcessQuotes}); used to expand
     * heredoc bodies, whose quotes belong to the script.
     */
    public ShellExpander withSkipProcessQuotes(boolean skipProcessQuotes) {
        return new ShellExpander(settings.withSkipProcessQuotes(skipProcessQuotes));
    }

    /** Windows-style name matching: names are compared upper-cased. */
    public ShellExpander withCaseInsensitiveNames(boolean caseInsensitive) {
        return new ShellExpander(settings.withCaseInsensitiveNames(caseInsensitive));
    }

    public char escapeToken() {
        return (char) settings.escapeToken();
    }

    /** Single-word processing (Go {@code ProcessWord}): expansion + quote removal, no word splitting. */
    public Expansion expandWord(String input, VariableLookup env) throws ShellExpansionException {
        return expandWordTracked(input, env).toExpansion();
    }

    /** Like {@link #expandWord}, also reporting the names that were found (Go {@code ProcessWordWithMatches}). */
    public TrackedExpansion expandWordTracked(String input, VariableLookup env) throws ShellExpansionException {
        ShellWordLexer lexer = lexer(input, env);
        String value = run(input, lexer).text();
        return new TrackedExpansion(value, lexer.matched(), lexer.unmatched());
    }

    /** Multi-word processing (Go {@code ProcessWords}): expansion + quote removal + word splitting. */
    public List<String> expandWords(String input, VariableLookup env) throws ShellExpansionException {
        return run(input, lexer(input, env)).words();
    }

    private ShellWordLexer lexer(String input, VariableLookup env) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(env, "env");
        return new ShellWordLexer(input, settings, env);
    }

    private static ShellWordLexer.Fragment run(String input, ShellWordLexer lexer) {
        try {
            return lexer.processAll();
        } catch (LexFailure failure) {
            throw new ShellExpansionException(input, failure.reason());
        }
    }

    @Override
    public String toString() {
        return "ShellExpander[escape=" + escapeToken()
                + ", rawQuotes=" + settings.rawQuotes()
                + ", rawEscapes=" + settings.rawEscapes()
                + ", skipUnset=" + settings.skipUnset()
                + ", skipProcessQuotes=" + settings.skipProcessQuotes()
                + ", caseInsensitiveNames=" + settings.caseInsensitiveNames() + "]";
    }
}
