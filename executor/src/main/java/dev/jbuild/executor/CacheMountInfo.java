package dev.jbuild.executor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jbuild.platform.CacheSharing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a {@code RUN --mount=type=cache} directory was last mounted with: its id, sharing mode and the
 * owner and mode it was created with, kept in {@code <cache>/mount.json} so that {@code cache export}
 * can carry them and {@code cache import} can restore them.
 */
public record CacheMountInfo(String id, CacheSharing sharing, int uid, int gid, int mode) {
    static final String FILE = "mount.json";
    private static final JsonFactory JSON = new JsonFactory();

    /** Writes the file when it is missing or says something else. */
    static void remember(Path base, MountSpec.Cache cache) throws IOException {
        CacheMountInfo info = new CacheMountInfo(cache.id(), cache.sharing(), cache.uid(), cache.gid(), cache.mode());
        CacheMountInfo known = read(base);
        if (!info.equals(known)) {
            write(base, info);
        }
    }

    static void write(Path base, CacheMountInfo info) throws IOException {
        Path temp = base.resolve(FILE + ".tmp-" + Trees.randomId());
        Files.write(temp, info.toJson());
        Files.move(temp, base.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file's content, or null when there is none or it cannot be read. */
    static CacheMountInfo read(Path base) {
        try {
            return parse(Files.readAllBytes(base.resolve(FILE)));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    byte[] toJson() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("sharing", sharing.keyword());
            json.writeNumberField("uid", uid);
            json.writeNumberField("gid", gid);
            json.writeNumberField("mode", mode);
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    static CacheMountInfo parse(byte[] bytes) throws IOException {
        String id = null;
        CacheSharing sharing = CacheSharing.SHARED;
        int uid = 0;
        int gid = 0;
        int mode = 0755;
        try (JsonParser json = JSON.createParser(bytes)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "id" -> id = json.getText();
                    case "sharing" -> sharing = CacheSharing.valueOf(json.getText().toUpperCase(java.util.Locale.ROOT));
                    case "uid" -> uid = json.getIntValue();
                    case "gid" -> gid = json.getIntValue();
                    case "mode" -> mode = json.getIntValue();
                    default -> json.skipChildren();
                }
            }
        }
        if (id == null) {
            throw new IOException("no id");
        }
        return new CacheMountInfo(id, sharing, uid, gid, mode);
    }
}
