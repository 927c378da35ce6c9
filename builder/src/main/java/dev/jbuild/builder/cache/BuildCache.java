package dev.jbuild.builder.cache;

import dev.jbuild.store.StoreLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.GoTime;
import dev.jbuild.imagespec.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The step cache: one small JSON record per {@link CacheKey} digest in
 * {@code <store>/builder/cache/<hex>.json}, written to a temp file and renamed, so a reader never sees
 * half a record and the cache survives restarts. A record that cannot be read counts as a miss.
 * A lookup that finds a record sets the file's modification time, so it tells when the record was
 * last used (what prune's {@code until} filter and least-recently-used order go by).
 */
public final class BuildCache {
    static final String TEMP_PREFIX = ".tmp-";
    private static final String SUFFIX = ".json";
    private static final String INPUTS_SUFFIX = ".inputs";
    private final Path dir;
    private final Path slots;

    /**
     * A record as it lies on disk, for prune.
     *
     * @param lastUsed the file's modification time
     * @param record what it says; null when it cannot be read
     */
    public record Entry(Digest key, Path file, Instant lastUsed, long fileSize, CacheRecord record) {
    }

    public BuildCache(StoreLayout layout) throws IOException {
        this.dir = Files.createDirectories(layout.buildCacheDir());
        this.slots = layout.buildCacheSlotsDir();
    }

    public Path directory() {
        return dir;
    }

    public Optional<CacheRecord> lookup(CacheKey key) {
        Path file = file(key.digest());
        try {
            CacheRecord record = read(file);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            return Optional.of(record);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged record: rebuild the step, which rewrites it
        }
    }

    public void store(CacheKey key, CacheRecord record) throws IOException {
        ObjectNode node = CanonicalJson.object();
        node.put("diffId", record.diffId().value());
        node.put("size", record.size());
        node.put("created", GoTime.format(record.created()));
        if (record.knowsItsStack()) {
            ArrayNode stack = node.putArray("stack");
            record.stack().forEach(diffId -> stack.add(diffId.value()));
        }
        if (!record.warnings().isEmpty()) {
            ArrayNode warnings = node.putArray("warnings");
            record.warnings().forEach(warnings::add);
        }
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        Files.write(temp, CanonicalJson.bytes(node));
        Files.move(temp, file(key.digest()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The layer blobs the records use: what removing an image must leave for the cache's sake. */
    public Set<Digest> layerBlobs() throws IOException {
        Set<Digest> blobs = new HashSet<>();
        for (Entry entry : entries()) {
            if (entry.record() != null) {
                blobs.add(entry.record().diffId());
            }
        }
        return blobs;
    }

    /** Every record, least recently used first; reading them does not count as a use. */
    public List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                String hex = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
                if (!Digest.isHex(hex)) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // removed meanwhile
                }
                CacheRecord record;
                try {
                    record = read(file);
                } catch (IOException | RuntimeException e) {
                    record = null;
                }
                out.add(new Entry(Digest.ofHex(hex), file, attributes.lastModifiedTime().toInstant(),
                        attributes.size(), record));
            }
        }
        out.sort(Comparator.comparing(Entry::lastUsed).thenComparing(Entry::key));
        return out;
    }

    /** Deletes a record and the inputs kept with it; true when it was there. */
    public boolean remove(Digest key) throws IOException {
        Files.deleteIfExists(inputsFile(key));
        return Files.deleteIfExists(file(key));
    }

    /**
     * Keeps what the step of {@code key} was made from beside its record (read only to explain a later
     * miss, so a cached build never reads it).
     */
    public void storeInputs(Digest key, StepInputs inputs) throws IOException {
        writeAtomically(inputsFile(key), inputs.toJson());
    }

    /** The inputs kept with a record; empty when there are none or they cannot be read. */
    public Optional<StepInputs> inputs(Digest key) {
        try {
            return Optional.of(StepInputs.parse(Files.readAllBytes(inputsFile(key))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The record key the step at {@code slot} (one Dockerfile, context, stage and position) had in the
     * last build that reached it; empty when none did, or its record is gone.
     */
    public Optional<Digest> slot(Digest slot) {
        try {
            Digest key = Digest.parse(Files.readString(slots.resolve(slot.hex())).strip());
            return Files.exists(file(key)) ? Optional.of(key) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Remembers the record key of the step at {@code slot}; written only when it changed. */
    public void setSlot(Digest slot, Digest key) throws IOException {
        Path file = slots.resolve(slot.hex());
        try {
            if (Files.readString(file).strip().equals(key.value())) {
                return;
            }
        } catch (IOException e) {
            // not there yet
        }
        Files.createDirectories(slots);
        writeAtomically(file, key.value().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Removes inputs and slots whose record is gone (prune's part); returns how many. */
    public int removeOrphans() throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                String hex = name.endsWith(INPUTS_SUFFIX) ? name.substring(0, name.length() - INPUTS_SUFFIX.length()) : "";
                if (Digest.isHex(hex) && !Files.exists(file(Digest.ofHex(hex))) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        if (!Files.isDirectory(slots)) {
            return removed;
        }
        try (Stream<Path> files = Files.list(slots)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Digest.isHex(file.getFileName().toString()) && slot(Digest.ofHex(file.getFileName().toString()))
                        .isEmpty() && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path inputsFile(Digest key) {
        return dir.resolve(key.hex() + INPUTS_SUFFIX);
    }

    private static CacheRecord read(Path file) throws IOException {
        JsonNode node = JsonTrees.read(Files.readAllBytes(file));
        if (node == null || !node.isObject()) {
            throw new IOException("cache record " + file + " is not a JSON object");
        }
        List<Digest> stack = new ArrayList<>();
        JsonNode stackNode = node.get("stack");
        if (stackNode != null) {
            stackNode.forEach(diffId -> stack.add(Digest.parse(diffId.asText())));
        }
        Instant created = GoTime.parseOrNull(node.path("created").asText(null));
        if (created == null) {
            throw new IOException("cache record " + file + " has no valid creation time");
        }
        List<String> warnings = new ArrayList<>();
        JsonNode warningsNode = node.get("warnings");
        if (warningsNode != null) {
            warningsNode.forEach(warning -> warnings.add(warning.asText()));
        }
        return new CacheRecord(Digest.parse(node.get("diffId").asText()), node.get("size").asLong(), created, stack,
                warnings);
    }

    private Path file(Digest key) {
        return dir.resolve(key.hex() + SUFFIX);
    }
}
