package dev.jbuild.builder.cache;

import dev.jbuild.store.StoreLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Digest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of the one cache-key function, over random inputs. */
class CacheKeyTest {
    private static final int RUNS = 2000;
    private final Random random = new Random(42);

    private String text() {
        int length = random.nextInt(6);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append("ab=:\u0000 é".charAt(random.nextInt(7)));
        }
        return out.toString();
    }

    private CacheKey randomKey() {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            args.put(text(), random.nextBoolean() ? text() : null);
        }
        List<String> extras = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            extras.add(text());
        }
        return new CacheKey(Digest.of(text()), text(), args, random.nextBoolean() ? null : text(), extras);
    }

    @Test
    void equalInputsGiveEqualKeysWhateverTheOrderArgsWereAddedIn() {
        for (int i = 0; i < RUNS; i++) {
            CacheKey key = randomKey();
            Map<String, String> reversed = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(key.usedArgs().keySet());
            java.util.Collections.reverse(names);
            names.forEach(name -> reversed.put(name, key.usedArgs().get(name)));
            CacheKey rebuilt = new CacheKey(key.parentState(), key.instruction(), reversed, key.sourceDigest(),
                    new ArrayList<>(key.extras()));
            assertEquals(key.digest(), rebuilt.digest());
        }
    }

    @Test
    void differentInputsGiveDifferentKeys() {
        Map<Digest, CacheKey> seen = new java.util.HashMap<>();
        for (int i = 0; i < RUNS; i++) {
            CacheKey key = randomKey();
            CacheKey previous = seen.put(key.digest(), key);
            if (previous != null) {
                assertEquals(previous, key, "two different keys share a digest");
            }
        }
    }

    @Test
    void partsCannotRunIntoEachOther() {
        Digest parent = Digest.of("p");
        Set<Digest> digests = new HashSet<>();
        digests.add(new CacheKey(parent, "ab", Map.of(), "c", List.of()).digest());
        digests.add(new CacheKey(parent, "a", Map.of(), "bc", List.of()).digest());
        digests.add(new CacheKey(parent, "a", Map.of(), null, List.of("bc")).digest());
        digests.add(new CacheKey(parent, "a", Map.of("b", "c"), null, List.of()).digest());
        digests.add(new CacheKey(parent, "a", Map.of("bc", ""), null, List.of()).digest());
        java.util.HashMap<String, String> unset = new java.util.HashMap<>();
        unset.put("bc", null);
        digests.add(new CacheKey(parent, "a", unset, null, List.of()).digest());
        assertEquals(6, digests.size());
    }

    @Test
    void aStoredRecordIsFoundByAnEqualKeyAndOnlyByIt(@TempDir Path root) throws Exception {
        BuildCache cache = new BuildCache(StoreLayout.at(root));
        for (int i = 0; i < 200; i++) {
            CacheKey key = randomKey();
            CacheRecord record = new CacheRecord(Digest.of("layer" + i), i, Instant.ofEpochSecond(i));
            cache.store(key, record);
            CacheKey lookup = new CacheKey(key.parentState(), key.instruction(), new LinkedHashMap<>(key.usedArgs()),
                    key.sourceDigest(), key.extras());
            assertEquals(record, cache.lookup(lookup).orElseThrow());
        }
        assertTrue(cache.lookup(new CacheKey(Digest.of("never"), "x", Map.of(), null, List.of())).isEmpty());
    }

    @Test
    void stateDependsOnLayersAndRunConfig() {
        Digest chain = Digest.of("chain");
        assertEquals(CacheKey.state(chain, "{}"), CacheKey.state(chain, "{}"));
        assertNotEquals(CacheKey.state(chain, "{}"), CacheKey.state(chain, "{\"User\":\"app\"}"));
        assertNotEquals(CacheKey.state(chain, "{}"), CacheKey.state(null, "{}"));
    }
}
