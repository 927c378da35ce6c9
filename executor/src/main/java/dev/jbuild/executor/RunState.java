package dev.jbuild.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What {@link Janitor} needs to finish a step whose process died: the container id and the runtime
 * (and its state root) that can delete it. Written to {@code state.json} in the run directory
 * before the container is created.
 */
record RunState(String containerId, String runtime, String runtimeRoot) {
    static final String FILE_NAME = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    void write(Path runDir) throws IOException {
        Path temp = runDir.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(temp.toFile(), this);
        Files.move(temp, runDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    static RunState read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        return Files.exists(file) ? JSON.readValue(file.toFile(), RunState.class) : null;
    }
}
