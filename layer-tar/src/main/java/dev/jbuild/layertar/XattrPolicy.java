package dev.jbuild.layertar;

/** Which extended attributes of the source tree a layer records. */
public enum XattrPolicy {
    /**
     * Every attribute that belongs to the file itself ({@code user.*}, {@code trusted.*},
     * {@code security.*}), but not the host's own bookkeeping, which would be wrong on any other
     * host: overlayfs metadata ({@code trusted.overlay.*}, {@code user.overlay.*}), SELinux labels
     * ({@code security.selinux}) and the {@code system.*} namespace (ACLs).
     */
    PORTABLE,
    /** Only {@code security.capability}: what Docker and BuildKit record in the layers they write. */
    CAPABILITY_ONLY;

    static final String CAPABILITY = "security.capability";

    boolean records(String name) {
        return switch (this) {
            case CAPABILITY_ONLY -> name.equals(CAPABILITY);
            case PORTABLE -> isPortable(name);
        };
    }

    /** Whether an attribute may be written to disk when applying a layer, whatever the writer's policy was. */
    static boolean isApplicable(String name) {
        // An overlay xattr in a layer would change how overlayfs reads the directory the layer is
        // unpacked into (opaque, redirect, metacopy): never let a tar decide that.
        return !name.startsWith("trusted.overlay.") && !name.startsWith("user.overlay.");
    }

    private static boolean isPortable(String name) {
        return isApplicable(name)
                && !name.equals("security.selinux")
                && !name.startsWith("system.")
                && (name.startsWith("user.") || name.startsWith("trusted.") || name.startsWith("security."));
    }
}
