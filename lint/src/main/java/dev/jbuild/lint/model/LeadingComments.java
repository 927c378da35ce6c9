package dev.jbuild.lint.model;

import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The comment lines directly above an instruction, without their {@code #}: the block that ends at the
 * instruction and starts after the nearest blank line, empty {@code #} line or other instruction. BuildKit
 * reads stage and ARG descriptions this way, and inline ignores use the same block.
 */
public final class LeadingComments {
    private LeadingComments() {}

    public static List<String> of(SyntaxTree tree, RawInstruction raw) {
        List<String> comments = new ArrayList<>();
        for (int line = raw.range().startLine() - 1; line >= 1; line--) {
            String text = tree.sourceLine(line).strip();
            if (!text.startsWith("#")) {
                break;
            }
            String comment = text.substring(1).strip();
            if (comment.isEmpty()) {
                break;
            }
            comments.add(comment);
        }
        Collections.reverse(comments);
        return comments;
    }
}
