package dev.jbuild.store;

import dev.jbuild.imagespec.Platform;
import java.util.List;

/** The store holds the image a name stands for, but not for the platform asked for. */
public final class PlatformNotPresentException extends StoreException {
    public PlatformNotPresentException(String query, Platform wanted, List<String> present) {
        super(query + " has no " + wanted + " image in the store (present: " + String.join(", ", present)
                + "); get it with 'jbuild pull --platform " + wanted + " " + query + "'");
    }
}
