package dev.jbuild.builder.cache;

import dev.jbuild.store.StoreLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheEntriesTest {
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path root;

    private static CacheKey key(String instruction) {
        return new CacheKey(Digest.of("parent"), instruction, Map.of(), null, List.of());
    }

    @Test
    void theStackIsWrittenAndReadBack() throws Exception {
        BuildCache cache = new BuildCache(StoreLayout.at(root));
        Digest base = Digest.of("base");
        Digest layer = Digest.of("layer");
        CacheRecord record = new CacheRecord(layer, 42, CREATED, List.of(base, layer));
        cache.store(key("RUN a"), record);
        assertEquals(record, cache.lookup(key("RUN a")).orElseThrow());
        String json = Files.readString(root.resolve("builder/cache/" + key("RUN a").digest().hex() + ".json"));
        assertTrue(json.contains("\"stack\":[\"" + base.value() + "\",\"" + layer.value() + "\"]"), json);
    }

    @Test
    void aRecordWithoutAStackReadsAsOneThatDoesNotKnowIt() throws Exception {
        BuildCache cache = new BuildCache(StoreLayout.at(root));
        Digest layer = Digest.of("layer");
        Files.writeString(root.resolve("builder/cache/" + key("RUN old").digest().hex() + ".json"),
                "{\"diffId\":\"" + layer.value() + "\",\"size\":7,\"created\":\"2024-01-01T00:00:00Z\"}");
        CacheRecord record = cache.lookup(key("RUN old")).orElseThrow();
        assertEquals(new CacheRecord(layer, 7, CREATED), record);
        assertFalse(record.knowsItsStack());
    }

    @Test
    void aStackMustEndWithTheRecordsLayer() {
        assertThrows(IllegalArgumentException.class,
                () -> new CacheRecord(Digest.of("layer"), 1, CREATED, List.of(Digest.of("other"))));
    }

    @Test
    void entriesAreLeastRecentlyUsedFirstWithoutCountingAsAUseAndDamagedOnesHaveNoRecord() throws Exception {
        BuildCache cache = new BuildCache(StoreLayout.at(root));
        Digest layer = Digest.of("layer");
        cache.store(key("RUN new"), new CacheRecord(layer, 1, CREATED, List.of(layer)));
        cache.store(key("RUN old"), new CacheRecord(layer, 1, CREATED, List.of(layer)));
        Path damaged = root.resolve("builder/cache/" + key("RUN damaged").digest().hex() + ".json");
        Files.writeString(damaged, "{\"diffId\":");
        Files.writeString(root.resolve("builder/cache/.tmp-half"), "{");
        Path oldFile = root.resolve("builder/cache/" + key("RUN old").digest().hex() + ".json");
        Files.setLastModifiedTime(oldFile, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setLastModifiedTime(damaged, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));

        List<BuildCache.Entry> entries = cache.entries();
        assertEquals(List.of(key("RUN old").digest(), key("RUN damaged").digest(), key("RUN new").digest()),
                entries.stream().map(BuildCache.Entry::key).toList());
        assertNull(entries.get(1).record());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), entries.get(0).lastUsed());
        assertEquals(Files.size(oldFile), entries.get(0).fileSize());
        assertEquals(FileTime.from(Instant.parse("2020-01-01T00:00:00Z")), Files.getLastModifiedTime(oldFile));

        assertTrue(cache.remove(key("RUN old").digest()));
        assertFalse(cache.remove(key("RUN old").digest()));
        assertTrue(cache.lookup(key("RUN old")).isEmpty());
    }
}
