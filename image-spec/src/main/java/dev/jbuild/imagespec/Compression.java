package dev.jbuild.imagespec;

/**
 * The compressions a layer blob may have, as its media type names them. The codecs are the store's
 * ({@code dev.jbuild.store.CompressionStreams}).
 */
public enum Compression {
    NONE("none"),
    GZIP("gzip"),
    ZSTD("zstd");

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    /** The lower-case name used on the command line and in the compression cache ({@code gzip}). */
    public String label() {
        return label;
    }

    public static Compression fromLabel(String label) {
        for (Compression c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression: " + label);
    }
}
