package dev.jbuild.layertar;

/** The OCI whiteout naming rules. */
final class Whiteouts {
    /** A regular file {@code dir/.wh.name} removes {@code dir/name} from the layers below. */
    static final String PREFIX = ".wh.";
    /** {@code dir/.wh..wh..opq} hides everything the layers below had in {@code dir}. */
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    /** AUFS kept its own metadata under names with this prefix; Docker skips them, so do we. */
    static final String AUFS_META_PREFIX = ".wh..wh.";

    private Whiteouts() {
    }

    static boolean isOpaqueMarker(String baseName) {
        return baseName.equals(OPAQUE_MARKER);
    }

    static boolean isAufsMetadata(String component) {
        return component.startsWith(AUFS_META_PREFIX) && !component.equals(OPAQUE_MARKER);
    }

    static boolean isWhiteout(String baseName) {
        return baseName.startsWith(PREFIX);
    }

    /** The name a whiteout removes: {@code .wh.x} removes {@code x}. */
    static String victim(String baseName) {
        return baseName.substring(PREFIX.length());
    }
}
