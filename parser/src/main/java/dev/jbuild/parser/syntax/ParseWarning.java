package dev.jbuild.parser.syntax;

/** Something the parser accepted but a linter will want to report, e.g. an empty continuation line. */
public record ParseWarning(String rule, String message, SourceRange range) {}
