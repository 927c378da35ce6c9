package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import java.util.List;

/** An image ID prefix that matches more than one image. */
public final class AmbiguousReferenceException extends StoreException {
    private final List<Digest> candidates;

    public AmbiguousReferenceException(String prefix, List<Digest> candidates) {
        super("ambiguous image ID prefix " + prefix + ": it matches " + candidates.size() + " images");
        this.candidates = List.copyOf(candidates);
    }

    public List<Digest> candidates() {
        return candidates;
    }
}
