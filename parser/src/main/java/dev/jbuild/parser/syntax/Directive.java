package dev.jbuild.parser.syntax;

/** A parser directive such as {@code # syntax=...}, {@code # escape=`} or {@code # check=...}; key lower-cased. */
public record Directive(String key, String value, SourceRange range) {}
