package dev.jbuild.grammar;

import java.util.List;

/**
 * Told about each logical line as soon as it is complete. Whether here-document bodies follow depends on
 * the instruction's keyword and argument form, which the lexer does not know, so it asks.
 */
@FunctionalInterface
public interface LogicalLineHandler {
    /** Returns the here-documents the line opens, in marker order; empty when it opens none. */
    List<HeredocTerminator> onLogicalLine(LogicalLine line);
}
