package dev.jbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.JsonFields;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The content of {@code references.json}: the images the store keeps (by manifest digest, tagged or
 * not, so that an untagged build result survives until pruned, as in Docker) and the references
 * that name them (full normalised reference → manifest digest).
 *
 * <p>One file for both, replaced by rename: every change is one atomic step, including the ones
 * that touch several entries ({@code rmi} untags and drops an image together); listing needs one
 * read; names need no escaping into file names ({@code /}, {@code :} and {@code @} are all legal in
 * references). The table stays small (a line per tag), so rewriting it whole costs nothing.
 *
 * <p>A reference pulled from an image index also records that index and the platforms' images the
 * store holds of it ({@code indexes}, by the same key): they live as long as the reference does. The
 * field is optional in the file (absent when empty), so a table written before it existed reads as one
 * without indexes, and the version stays 1.
 *
 * <p>Invariants: every reference points at a manifest in {@code images}; every entry of {@code indexes}
 * is keyed by a reference, and lists the manifest that reference points at among its platforms.
 */
record StoreTable(SortedSet<Digest> images, SortedMap<String, Digest> references, SortedMap<String, PulledIndex> indexes) {
    static final int VERSION = 1;

    StoreTable {
        images = Collections.unmodifiableSortedSet(new TreeSet<>(images));
        references = Collections.unmodifiableSortedMap(new TreeMap<>(references));
        indexes = Collections.unmodifiableSortedMap(new TreeMap<>(indexes));
    }

    StoreTable(SortedSet<Digest> images, SortedMap<String, Digest> references) {
        this(images, references, new TreeMap<>());
    }

    // Written out rather than left to the record: the generated ones are bootstrapped through
    // invokedynamic on first use, several milliseconds of every build's start-up.
    @Override
    public boolean equals(Object other) {
        return other instanceof StoreTable table && images.equals(table.images) && references.equals(table.references)
                && indexes.equals(table.indexes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * images.hashCode() + references.hashCode()) + indexes.hashCode();
    }

    static StoreTable empty() {
        return new StoreTable(new TreeSet<>(), new TreeMap<>());
    }

    /** The table key of a reference: {@code name@digest} when it has a digest (a tag beside it is dropped), else {@code name:tag}. */
    static String key(Reference ref) {
        if (ref.isDigested()) {
            return ref.name() + "@" + ref.digest().value();
        }
        if (!ref.isTagged()) {
            throw new IllegalArgumentException("a stored reference needs a tag or a digest: " + ref);
        }
        return ref.name() + ":" + ref.tag();
    }

    StoreTable withImage(Digest manifest) {
        TreeSet<Digest> more = new TreeSet<>(images);
        more.add(manifest);
        return new StoreTable(more, references, indexes);
    }

    StoreTable withoutImage(Digest manifest) {
        TreeSet<Digest> fewer = new TreeSet<>(images);
        fewer.remove(manifest);
        TreeMap<String, Digest> refs = new TreeMap<>(references);
        refs.values().removeIf(manifest::equals);
        TreeMap<String, PulledIndex> pulled = new TreeMap<>(indexes);
        pulled.keySet().retainAll(refs.keySet());
        return new StoreTable(fewer, refs, pulled);
    }

    /** Points a reference at a manifest; the index it was pulled from stays only if it lists that manifest. */
    StoreTable withReference(Reference ref, Digest manifest) {
        String key = key(ref);
        TreeMap<String, Digest> refs = new TreeMap<>(references);
        refs.put(key, manifest);
        TreeMap<String, PulledIndex> pulled = new TreeMap<>(indexes);
        PulledIndex index = pulled.get(key);
        if (index != null && !index.platforms().containsValue(manifest)) {
            pulled.remove(key);
        }
        return new StoreTable(images, refs, pulled).withImage(manifest);
    }

    StoreTable withoutReference(Reference ref) {
        TreeMap<String, Digest> refs = new TreeMap<>(references);
        refs.remove(key(ref));
        TreeMap<String, PulledIndex> pulled = new TreeMap<>(indexes);
        pulled.remove(key(ref));
        return new StoreTable(images, refs, pulled);
    }

    /** Records the index an existing reference was pulled from; it must list what the reference points at. */
    StoreTable withIndex(Reference ref, PulledIndex index) {
        String key = key(ref);
        if (!index.platforms().containsValue(references.get(key))) {
            throw new IllegalArgumentException("the index of " + key + " does not list the image it names");
        }
        TreeMap<String, PulledIndex> pulled = new TreeMap<>(indexes);
        pulled.put(key, index);
        return new StoreTable(images, references, pulled);
    }

    /** The index a reference was pulled from, if it was. */
    PulledIndex indexOf(Reference ref) {
        return indexes.get(key(ref));
    }

    /** The references naming a manifest, in key order. */
    List<Reference> referencesTo(Digest manifest) {
        List<Reference> refs = new ArrayList<>();
        references.forEach((key, target) -> {
            if (target.equals(manifest)) {
                refs.add(Reference.parseNormalized(key));
            }
        });
        return refs;
    }

    /** The references that name a manifest directly or as one platform of the index they were pulled from. */
    List<Reference> namesOf(Digest manifest) {
        List<Reference> refs = referencesTo(manifest);
        indexes.forEach((key, index) -> {
            Reference ref = Reference.parseNormalized(key);
            if (index.platforms().containsValue(manifest) && !refs.contains(ref)) {
                refs.add(ref);
            }
        });
        return refs;
    }

    /** Every image manifest the indexes list, whether or not a reference points at it. */
    SortedSet<Digest> platformImages() {
        TreeSet<Digest> out = new TreeSet<>();
        indexes.values().forEach(index -> out.addAll(index.platforms().values()));
        return out;
    }

    byte[] toJson() {
        ObjectNode obj = CanonicalJson.object();
        ArrayNode imageArray = obj.putArray("images");
        images.forEach(d -> imageArray.add(d.value()));
        ObjectNode refs = obj.putObject("references");
        references.forEach((key, target) -> refs.put(key, target.value()));
        if (!indexes.isEmpty()) {
            ObjectNode pulled = obj.putObject("indexes");
            indexes.forEach((key, index) -> {
                ObjectNode entry = pulled.putObject(key);
                entry.put("index", index.index().value());
                ObjectNode platforms = entry.putObject("platforms");
                index.platforms().forEach((platform, manifest) -> platforms.put(platform, manifest.value()));
            });
        }
        obj.put("version", VERSION);
        return CanonicalJson.bytes(obj);
    }

    static StoreTable parse(byte[] json) {
        JsonNode obj = JsonFields.object(json, "reference table");
        long version = JsonFields.number(obj, "version", -1);
        if (version != VERSION) {
            throw new InvalidImageException("unsupported reference table version " + version);
        }
        TreeSet<Digest> images = new TreeSet<>();
        JsonNode imageArray = obj.get("images");
        if (imageArray != null) {
            imageArray.forEach(node -> images.add(Digest.parse(node.asText())));
        }
        TreeMap<String, Digest> refs = new TreeMap<>();
        JsonNode refObject = obj.get("references");
        if (refObject != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = refObject.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                refs.put(field.getKey(), Digest.parse(field.getValue().asText()));
            }
        }
        TreeMap<String, PulledIndex> pulled = new TreeMap<>();
        JsonNode indexObject = obj.get("indexes");
        if (indexObject != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = indexObject.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                TreeMap<String, Digest> platforms = new TreeMap<>();
                JsonFields.stringMap(field.getValue(), "platforms")
                        .forEach((platform, manifest) -> platforms.put(Platform.parse(platform).toString(),
                                Digest.parse(manifest))); // a key that is no platform: an unreadable table
                pulled.put(field.getKey(), new PulledIndex(JsonFields.digest(field.getValue(), "index", "reference table"),
                        platforms));
            }
        }
        return new StoreTable(images, refs, pulled);
    }
}
