package dev.jbuild.executor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the runtime's JSON log ({@code --log FILE --log-format json}) for the error that stopped a start. */
final class RuntimeLog {
    private static final JsonFactory JSON = new JsonFactory();

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
                Entry entry = Entry.parse(line);
                if (entry.level().equals("error") || entry.level().equals("fatal")) {
                    error = entry.msg() != null ? entry.msg() : line;
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

    /** One line of the log: its top-level "level" and "msg" strings (read by the streaming parser). */
    private record Entry(String level, String msg) {
        static Entry parse(String line) throws IOException {
            String level = "";
            String msg = null;
            try (JsonParser json = JSON.createParser(line)) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    JsonToken value = json.nextToken();
                    if (value == JsonToken.VALUE_STRING && name.equals("level")) {
                        level = json.getText();
                    } else if (value == JsonToken.VALUE_STRING && name.equals("msg")) {
                        msg = json.getText();
                    } else {
                        json.skipChildren();
                    }
                }
                if (json.nextToken() != null) {
                    throw new IOException("text after the JSON object");
                }
            }
            return new Entry(level, msg);
        }
    }
}
