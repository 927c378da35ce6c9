package dev.jbuild.executor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What {@link Janitor} needs to finish a step whose process died: the container id and the runtime
 * (and its state root) that can delete it. Written to {@code state.json} in the run directory
 * before the container is created. Written and read with jackson-core's streaming generator and
 * parser: an object mapper takes longer to set up (15 ms in a fresh JVM, on every RUN step's path)
 * than the runtime takes to start the container.
 */
record RunState(String containerId, String runtime, String runtimeRoot) {
    static final String FILE_NAME = "state.json";
    private static final JsonFactory JSON = new JsonFactory();

    void write(Path runDir) throws IOException {
        Path temp = runDir.resolve(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp); JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("containerId", containerId);
            json.writeStringField("runtime", runtime);
            json.writeStringField("runtimeRoot", runtimeRoot);
            json.writeEndObject();
        }
        Files.move(temp, runDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    static RunState read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        String containerId = null;
        String runtime = null;
        String runtimeRoot = null;
        try (JsonParser json = JSON.createParser(Files.readAllBytes(file))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + " is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                String text = value == JsonToken.VALUE_STRING ? json.getText() : null;
                switch (name) {
                    case "containerId" -> containerId = text;
                    case "runtime" -> runtime = text;
                    case "runtimeRoot" -> runtimeRoot = text;
                    default -> json.skipChildren();
                }
            }
        }
        return new RunState(containerId, runtime, runtimeRoot);
    }
}
