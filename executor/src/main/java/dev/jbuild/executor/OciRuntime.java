package dev.jbuild.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An OCI runtime binary (runc, crun or compatible).
 *
 * @param name the executable's file name, e.g. {@code runc}
 * @param version the first line of {@code --version}
 */
public record OciRuntime(Path executable, String name, String version) {

    public OciRuntime {
        Objects.requireNonNull(executable, "executable");
        name = name == null ? executable.getFileName().toString() : name;
        version = version == null ? "" : version;
    }

    /** {@code <runtime> --root <stateRoot> <args...>}. */
    List<String> command(Path stateRoot, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("--root");
        command.add(stateRoot.toString());
        command.addAll(List.of(args));
        return command;
    }
}
