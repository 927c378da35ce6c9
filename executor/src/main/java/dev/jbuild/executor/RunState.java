package dev.jbuild.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What {@link Janitor} needs to finish a step whose process died: the container id and the runtime
 * (and its state root) that can delete it. Written to {@code state.json} in the run directory
 * before the container is created. Written and read as a JSON tree: data binding of the record would
 * introspect it by reflection first, a cost every step paid for a three-field file.
 */
record RunState(String containerId, String runtime, String runtimeRoot) {
    static final String FILE_NAME = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    void write(Path runDir) throws IOException {
        Path temp = runDir.resolve(FILE_NAME + ".tmp");
        ObjectNode json = JSON.createObjectNode()
                .put("containerId", containerId)
                .put("runtime", runtime)
                .put("runtimeRoot", runtimeRoot);
        JSON.writeValue(temp.toFile(), json);
        Files.move(temp, runDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    static RunState read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode json = JSON.readTree(file.toFile());
        return new RunState(json.path("containerId").asText(null), json.path("runtime").asText(null),
                json.path("runtimeRoot").asText(null));
    }
}
