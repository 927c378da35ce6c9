package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.platform.NetworkMode;
import java.util.List;

/**
 * RUN: executes a command in the stage's filesystem.
 *
 * @param mounts the {@code --mount} flags in order, checked and with BuildKit's defaults applied
 * @param network {@code --network}, or null when not given (BuildKit then uses {@code default})
 * @param security {@code --security}, or null when not given (BuildKit then uses {@code sandbox})
 */
public record Run(Command command, List<Mount> mounts, NetworkMode network, SecurityMode security, SourceRange range)
        implements Instruction {
    public Run {
        mounts = List.copyOf(mounts);
    }

    @Override
    public String name() {
        return "RUN";
    }
}
