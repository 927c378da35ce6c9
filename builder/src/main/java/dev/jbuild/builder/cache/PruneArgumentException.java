package dev.jbuild.builder.cache;

/** A prune filter or size the user wrote wrongly; the message is one line, ready to print. */
public final class PruneArgumentException extends IllegalArgumentException {
    public PruneArgumentException(String message) {
        super(message);
    }
}
