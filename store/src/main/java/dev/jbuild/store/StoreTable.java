package dev.jbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.JsonFields;
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
 * <p>Invariant: every reference points at a manifest in {@code images}.
 */
record StoreTable(SortedSet<Digest> images, SortedMap<String, Digest> references) {
    static final int VERSION = 1;

    StoreTable {
        images = Collections.unmodifiableSortedSet(new TreeSet<>(images));
        references = Collections.unmodifiableSortedMap(new TreeMap<>(references));
    }

    // Written out rather than left to the record: the generated ones are bootstrapped through
    // invokedynamic on first use, several milliseconds of every build's start-up.
    @Override
    public boolean equals(Object other) {
        return other instanceof StoreTable table && images.equals(table.images) && references.equals(table.references);
    }

    @Override
    public int hashCode() {
        return 31 * images.hashCode() + references.hashCode();
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
        return new StoreTable(more, references);
    }

    StoreTable withoutImage(Digest manifest) {
        TreeSet<Digest> fewer = new TreeSet<>(images);
        fewer.remove(manifest);
        TreeMap<String, Digest> refs = new TreeMap<>(references);
        refs.values().removeIf(manifest::equals);
        return new StoreTable(fewer, refs);
    }

    StoreTable withReference(Reference ref, Digest manifest) {
        TreeMap<String, Digest> refs = new TreeMap<>(references);
        refs.put(key(ref), manifest);
        return new StoreTable(images, refs).withImage(manifest);
    }

    StoreTable withoutReference(Reference ref) {
        TreeMap<String, Digest> refs = new TreeMap<>(references);
        refs.remove(key(ref));
        return new StoreTable(images, refs);
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

    byte[] toJson() {
        ObjectNode obj = CanonicalJson.object();
        ArrayNode imageArray = obj.putArray("images");
        images.forEach(d -> imageArray.add(d.value()));
        ObjectNode refs = obj.putObject("references");
        references.forEach((key, target) -> refs.put(key, target.value()));
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
        return new StoreTable(images, refs);
    }
}
