package dev.jbuild.parser.instructions;

/**
 * One name declared by ARG.
 *
 * @param name the variable name, never expanded
 * @param defaultValue the text after {@code =}, raw (quotes kept, variables unexpanded), or null
 *     when the ARG has no default; an empty default ({@code ARG A=}) is the empty string
 */
public record ArgDeclaration(String name, String defaultValue) {}
