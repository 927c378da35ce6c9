package dev.jbuild.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the runtime's JSON log ({@code --log FILE --log-format json}) for the error that stopped a start. */
final class RuntimeLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuntimeLog() {
    }

    /** The last error-level message, or null when the runtime logged none. */
    static String lastError(Path logFile) throws IOException {
        if (!Files.exists(logFile)) {
            return null;
        }
        String error = null;
        for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode entry = JSON.readTree(line);
                String level = entry.path("level").asText("");
                if (level.equals("error") || level.equals("fatal")) {
                    error = entry.path("msg").asText(line);
                }
            } catch (IOException notJson) {
                // crun writes some lines as plain text
                if (line.contains("error")) {
                    error = line.trim();
                }
            }
        }
        return error;
    }
}
