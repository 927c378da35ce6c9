package dev.jbuild.grammar;

import java.util.List;

/**
 * One instruction's text after line continuations have been joined, with where it came from.
 *
 * @param text the joined text: head line without leading blanks, continuation lines appended with no
 *     separator, escape characters that continued a line removed
 * @param startLine physical line of the head line (1-based)
 * @param startColumn column of the first character of the head line (1-based)
 * @param endLine last physical line consumed by the continuation (skipped comments and blanks count)
 * @param emptyContinuationLines lines that were blank inside the continuation (a lint warning)
 */
public record LogicalLine(String text, int startLine, int startColumn, int endLine, List<Integer> emptyContinuationLines) {
    public LogicalLine {
        emptyContinuationLines = List.copyOf(emptyContinuationLines);
    }
}
