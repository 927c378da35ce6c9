package dev.jbuild.grammar;

/** A parser directive found at the top of the file; the key is lower-cased. */
public record DirectiveLine(String key, String value, int line, int column) {}
