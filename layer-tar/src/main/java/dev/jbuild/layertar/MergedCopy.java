package dev.jbuild.layertar;

import dev.jbuild.platform.EntryAttributes;
import dev.jbuild.platform.Xattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * The merged view of a stack of layers in overlay format, made a real directory tree without copying
 * data: each visible non-directory is a hard link to the layer's own inode (so it keeps its contents,
 * owner, mode, times and attributes, and the links a layer made between its files), each visible
 * directory a new directory with the attributes of its topmost copy, overlay's own attributes left out.
 * For readers that need a plain tree (export, the SBOM scanner) without mounting anything; they must
 * not write to it, since the files are the layers'.
 */
public final class MergedCopy {
    private MergedCopy() {
    }

    /** Fills the empty directory {@code target} with the merged view of {@code stack}. */
    public static void link(OverlayStack stack, Path target) throws IOException {
        if (!stack.isEmpty()) {
            copy(stack.root(), target);
        }
    }

    private static void copy(OverlayStack.Dir dir, Path target) throws IOException {
        for (Map.Entry<String, Path> child : dir.children().entrySet()) {
            Path source = child.getValue();
            Path copy = target.resolve(child.getKey());
            if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(copy);
                copy(dir.subdirectory(child.getKey()), copy);
            } else {
                try {
                    Files.createLink(copy, source);
                } catch (java.nio.file.FileSystemException e) {
                    // fs.protected_hardlinks: a user may not link what it does not own; a copy reads the same
                    Files.copy(source, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        copyDirectoryAttributes(dir.layers().get(0), target);
    }

    private static void copyDirectoryAttributes(Path from, Path to) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(from, "unix:uid,gid,mode,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) attributes.get("uid");
        int gid = (Integer) attributes.get("gid");
        if (uid != (Integer) Files.getAttribute(to, "unix:uid") || gid != (Integer) Files.getAttribute(to, "unix:gid")) {
            EntryAttributes.chown(to, uid, gid); // only root may give away a directory; others read their own
        }
        EntryAttributes.chmod(to, (Integer) attributes.get("mode") & 07777);
        for (Map.Entry<String, byte[]> xattr : Xattrs.readAll(from).entrySet()) {
            if (!OverlayFormat.isOverlayAttribute(xattr.getKey())) {
                Xattrs.set(to, xattr.getKey(), xattr.getValue());
            }
        }
        EntryAttributes.setTimes(to, (FileTime) attributes.get("lastModifiedTime"));
    }
}
