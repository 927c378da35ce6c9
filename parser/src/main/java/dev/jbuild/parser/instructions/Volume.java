package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/**
 * VOLUME: mount points, each trimmed, unexpanded.
 *
 * @param jsonForm true when written as a JSON array
 */
public record Volume(List<String> paths, boolean jsonForm, SourceRange range) implements Instruction {
    public Volume {
        paths = List.copyOf(paths);
    }

    @Override
    public String name() {
        return "VOLUME";
    }
}
