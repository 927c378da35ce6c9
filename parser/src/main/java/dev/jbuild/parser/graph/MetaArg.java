package dev.jbuild.parser.graph;

import dev.jbuild.parser.syntax.SourceRange;

/**
 * An ARG declared before the first FROM: usable in FROM lines, and inside a stage once re-declared.
 *
 * @param defaultValue the default as written, or null
 * @param value the value in force (a build argument, else the expanded default), or null when unset
 */
public record MetaArg(String name, String defaultValue, String value, SourceRange range) {}
