package dev.jbuild.builder.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jbuild.builder.files.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a cached step was made from, kept beside its cache record so that a later miss of the same step
 * can say why: the instruction as written, the build args it used, the base image the stage started
 * from, the state and the name of the step before it, for COPY/ADD the files with their checksums,
 * and the digest of everything else the key covers (environment, user, mounts, flags).
 *
 * @param base how the stage's FROM resolved ({@code busybox@sha256:...}, {@code scratch}, {@code stage builder})
 * @param parentStep the label of the step before ({@code [1/3] FROM busybox})
 * @param sources the COPY/ADD content digest, or null
 * @param files for COPY/ADD, every source entry; empty otherwise
 * @param rest the digest of the key's other parts (expanded instruction and extras)
 */
public record StepInputs(String instruction, Map<String, String> args, String base, String parentState,
                         String parentStep, String sources, List<SourceFile> files, String rest) {
    private static final JsonFactory JSON = new JsonFactory();

    public StepInputs {
        args = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(args));
        files = List.copyOf(files);
    }

    byte[] toJson() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("instruction", instruction);
            json.writeObjectFieldStart("args");
            for (Map.Entry<String, String> arg : args.entrySet()) {
                json.writeStringField(arg.getKey(), arg.getValue());
            }
            json.writeEndObject();
            json.writeStringField("base", base);
            json.writeStringField("parentState", parentState);
            json.writeStringField("parentStep", parentStep);
            json.writeStringField("sources", sources);
            json.writeStringField("rest", rest);
            // One array per file, [path, type, mode, owner, content]: a file list stays a few dozen bytes a file.
            json.writeArrayFieldStart("files");
            for (SourceFile file : files) {
                json.writeStartArray();
                json.writeString(file.path());
                json.writeString(String.valueOf(file.type()));
                json.writeNumber(file.mode());
                json.writeString(file.owner());
                json.writeString(file.content());
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    static StepInputs parse(byte[] bytes) throws IOException {
        String instruction = "";
        Map<String, String> args = new TreeMap<>();
        String base = "";
        String parentState = "";
        String parentStep = "";
        String sources = null;
        String rest = "";
        List<SourceFile> files = new ArrayList<>();
        try (JsonParser json = JSON.createParser(bytes)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("step inputs are not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "instruction" -> instruction = json.getText();
                    case "base" -> base = json.getText();
                    case "parentState" -> parentState = json.getText();
                    case "parentStep" -> parentStep = json.getText();
                    case "sources" -> sources = value == JsonToken.VALUE_NULL ? null : json.getText();
                    case "rest" -> rest = json.getText();
                    case "args" -> {
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.currentName();
                            json.nextToken();
                            args.put(name, json.getValueAsString());
                        }
                    }
                    case "files" -> {
                        while (json.nextToken() == JsonToken.START_ARRAY) {
                            json.nextToken();
                            String path = json.getText();
                            json.nextToken();
                            char type = json.getText().charAt(0);
                            json.nextToken();
                            int mode = json.getIntValue();
                            json.nextToken();
                            String owner = json.getText();
                            json.nextToken();
                            String content = json.getText();
                            json.nextToken(); // END_ARRAY
                            files.add(new SourceFile(path, type, mode, owner, content));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        }
        return new StepInputs(instruction, args, base, parentState, parentStep, sources, files, rest);
    }
}
