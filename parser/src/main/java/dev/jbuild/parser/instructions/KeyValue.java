package dev.jbuild.parser.instructions;

/**
 * One ENV variable or LABEL. Key and value are raw: quotes and escapes are still in them
 * ({@code "two words"} keeps its quotes) because removing them is part of expansion.
 */
public record KeyValue(String key, String value) {}
