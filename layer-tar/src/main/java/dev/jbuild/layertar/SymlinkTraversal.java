package dev.jbuild.layertar;

/** What applying a layer does when an entry's path goes through a symbolic link already in the tree. */
public enum SymlinkTraversal {
    /**
     * Follow it as if the target directory were the root of the file system ({@code /} and
     * {@code ..} never leave it): what Docker gets by applying layers inside a chroot, and what
     * containerd does with its root-scoped path resolution. Layers that put files under
     * {@code lib/} when {@code lib -> usr/lib} land in {@code usr/lib}.
     */
    SCOPED_TO_ROOT,
    /** Refuse the whole layer: stricter than Docker, for archives from untrusted sources. */
    REFUSE
}
