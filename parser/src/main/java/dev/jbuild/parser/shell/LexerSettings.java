package dev.jbuild.parser.shell;

/** The switches of BuildKit's {@code shell.Lex}, as one immutable value. */
record LexerSettings(
        int escapeToken,
        boolean rawQuotes,
        boolean rawEscapes,
        boolean skipUnset,
        boolean skipProcessQuotes,
        boolean caseInsensitiveNames) {

    static LexerSettings defaults(char escapeToken) {
        return new LexerSettings(escapeToken, false, false, false, false, false);
    }

    LexerSettings withRawQuotes(boolean value) {
        return new LexerSettings(escapeToken, value, rawEscapes, skipUnset, skipProcessQuotes, caseInsensitiveNames);
    }

    LexerSettings withRawEscapes(boolean value) {
        return new LexerSettings(escapeToken, rawQuotes, value, skipUnset, skipProcessQuotes, caseInsensitiveNames);
    }

    LexerSettings withSkipUnset(boolean value) {
        return new LexerSettings(escapeToken, rawQuotes, rawEscapes, value, skipProcessQuotes, caseInsensitiveNames);
    }

    LexerSettings withSkipProcessQuotes(boolean value) {
        return new LexerSettings(escapeToken, rawQuotes, rawEscapes, skipUnset, value, caseInsensitiveNames);
    }

    LexerSettings withCaseInsensitiveNames(boolean value) {
        return new LexerSettings(escapeToken, rawQuotes, rawEscapes, skipUnset, skipProcessQuotes, value);
    }
}
