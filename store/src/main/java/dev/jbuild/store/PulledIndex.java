package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Platform;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The image index a name was pulled from and which of its platforms' images the store holds, as
 * Docker's containerd image store keeps the index under the name: the name itself still points at one
 * image (this machine's platform when present), the others are reached with {@code --platform}.
 *
 * @param index the index document's digest (a blob of the store)
 * @param platforms {@code os/arch[/variant]}, as the index entry gives it, → image manifest digest
 */
public record PulledIndex(Digest index, SortedMap<String, Digest> platforms) {
    public PulledIndex {
        platforms = Collections.unmodifiableSortedMap(new TreeMap<>(platforms));
    }

    /** The same index with one more (or a replaced) platform image. */
    PulledIndex with(Platform platform, Digest manifest) {
        TreeMap<String, Digest> more = new TreeMap<>(platforms);
        more.put(platform.toString(), manifest);
        return new PulledIndex(index, more);
    }

    /** The manifest of the entry for {@code wanted}, matched as {@code pull --platform} matches index entries. */
    public Optional<Digest> manifestFor(Platform wanted) {
        for (Map.Entry<String, Digest> entry : platforms.entrySet()) {
            if (PlatformMatch.matches(Platform.parse(entry.getKey()), wanted)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** The platforms present, as {@code --platform} spells them. */
    public List<String> present() {
        return List.copyOf(platforms.keySet());
    }
}
