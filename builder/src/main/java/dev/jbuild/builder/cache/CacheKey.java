package dev.jbuild.builder.cache;

import dev.jbuild.imagespec.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The cache key of one filesystem step: the only function that computes one, used for the lookup
 * and for the store alike, so that the two can never disagree (kaniko's most reported cache bug).
 *
 * <p>Every part is written with its length in front, so no two different inputs can run together
 * into the same bytes ({@code "ab","c"} versus {@code "a","bc"}); maps are written sorted, so the
 * order they were filled in does not matter.
 *
 * @param parentState the state the step starts from ({@link #state})
 * @param instruction the instruction after expansion, as the step runs it (argv, destination...)
 * @param usedArgs the build arguments and their values the step depends on
 * @param sourceDigest for COPY/ADD the content checksum of the sources, else null
 * @param extras everything else the result depends on: RUN's environment, user, working directory,
 *     network and mounts; in the order the step defines
 */
public record CacheKey(Digest parentState, String instruction, Map<String, String> usedArgs,
                       String sourceDigest, List<String> extras) {

    private static final int VERSION = 1;

    public CacheKey {
        Objects.requireNonNull(parentState, "parentState");
        Objects.requireNonNull(instruction, "instruction");
        usedArgs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(usedArgs == null ? Map.of() : usedArgs));
        extras = List.copyOf(extras == null ? List.of() : extras);
    }

    /** The key's digest, the name its cache record is stored under. */
    public Digest digest() {
        Hasher hasher = new Hasher();
        hasher.add("jbuild-step-v" + VERSION);
        hasher.add(parentState.value());
        hasher.add(instruction);
        hasher.add(String.valueOf(usedArgs.size()));
        usedArgs.forEach((name, value) -> {
            hasher.add(name);
            hasher.add(value == null ? "\u0000unset" : value);
        });
        hasher.add(sourceDigest == null ? "\u0000none" : sourceDigest);
        hasher.add(String.valueOf(extras.size()));
        extras.forEach(hasher::add);
        return hasher.digest();
    }

    /**
     * The state a step starts from, by content: the layer chain and the run configuration (env, user,
     * working directory, shell...) that later steps see. Two different paths to the same filesystem and
     * configuration reach the same state, so a step that was re-run but produced the same layer lets
     * the steps after it hit the cache again.
     *
     * @param chainId the chain ID of the layers so far, or null for an empty filesystem
     * @param runConfig the canonical JSON of the image's run configuration
     */
    public static Digest state(Digest chainId, String runConfig) {
        Hasher hasher = new Hasher();
        hasher.add("jbuild-state-v" + VERSION);
        hasher.add(chainId == null ? "\u0000scratch" : chainId.value());
        hasher.add(runConfig);
        return hasher.digest();
    }

    private static final class Hasher {
        private final MessageDigest sha;

        Hasher() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from the JDK", e);
            }
        }

        void add(String part) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
        }

        Digest digest() {
            return Digest.finish(sha);
        }
    }
}
