package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/**
 * EXPOSE: port specs as written ({@code 80/tcp}, {@code 8000-8010}, {@code $PORT}), in file order.
 * BuildKit sorts them as strings before writing history; that belongs to the builder.
 */
public record Expose(List<String> ports, SourceRange range) implements Instruction {
    public Expose {
        ports = List.copyOf(ports);
    }

    @Override
    public String name() {
        return "EXPOSE";
    }
}
