package dev.jbuild.builder.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.store.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The step cache: one small JSON record per {@link CacheKey} digest in
 * {@code <store>/builder/cache/<hex>.json}, written to a temp file and renamed, so a reader never sees
 * half a record and the cache survives restarts. A record that cannot be read counts as a miss.
 */
public final class BuildCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public BuildCache(Path storeRoot) throws IOException {
        this.dir = Files.createDirectories(storeRoot.resolve("builder").resolve("cache"));
    }

    public Path directory() {
        return dir;
    }

    public Optional<CacheRecord> lookup(CacheKey key) {
        Path file = file(key.digest());
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            CacheRecord record = new CacheRecord(Digest.parse(node.get("diffId").asText()), node.get("size").asLong(),
                    Instant.parse(node.get("created").asText()));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            return Optional.of(record);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged record: rebuild the step, which rewrites it
        }
    }

    public void store(CacheKey key, CacheRecord record) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("diffId", record.diffId().value());
        node.put("size", record.size());
        node.put("created", record.created().toString());
        Path temp = dir.resolve(".tmp-" + UUID.randomUUID());
        Files.write(temp, JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
        Files.move(temp, file(key.digest()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path file(Digest key) {
        return dir.resolve(key.hex() + ".json");
    }
}
