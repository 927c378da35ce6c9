package dev.jbuild.parser.shell;

/**
 * An expansion failure inside the lexer, before the public exception adds the
 * {@code failed to process "<input>"} prefix. Some callers inspect and replace it (BuildKit
 * reports a missing {@code '}'} instead of the nested error when the input has run out), so it
 * carries only the bare reason and no stack trace.
 */
final class LexFailure extends RuntimeException {
    LexFailure(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
