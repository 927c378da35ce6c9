package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/**
 * LABEL: image labels, keys and values raw (quotes kept for the expander to remove).
 *
 * @param legacy true for the old {@code LABEL key value} form without {@code =}
 */
public record Label(List<KeyValue> labels, boolean legacy, SourceRange range) implements Instruction {
    public Label {
        labels = List.copyOf(labels);
    }

    @Override
    public String name() {
        return "LABEL";
    }
}
