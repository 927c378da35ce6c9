package dev.jbuild.grammar;

/** A here-document the lexer must read after a logical line: its terminator word and whether tabs are stripped. */
public record HeredocTerminator(String name, boolean chomp) {}
