package dev.jbuild.layertar;

/**
 * A layer entry that applying refused, because it would write or delete outside the target, or
 * could not be applied as the archive describes. The target is left as it was.
 */
public final class UnsafeEntryException extends Exception {
    private final String entryName;
    private final String reason;

    public UnsafeEntryException(String entryName, String reason) {
        super("refused layer entry '" + entryName + "': " + reason);
        this.entryName = entryName;
        this.reason = reason;
    }

    /** The entry's name as it appears in the archive. */
    public String entryName() {
        return entryName;
    }

    public String reason() {
        return reason;
    }
}
