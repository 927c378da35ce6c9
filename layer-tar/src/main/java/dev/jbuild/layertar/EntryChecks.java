package dev.jbuild.layertar;

/** The checks on one entry that need nothing but the entry: names, whiteout forms, id ranges. */
final class EntryChecks {
    /** chown(2) takes (uid_t) -1 as "leave unchanged", so the largest usable id is one less. */
    private static final long MAX_ID = 0xFFFF_FFFEL;

    private EntryChecks() {
    }

    static PendingEntry classify(TarHeader header, boolean whiteoutNamesRefused) throws UnsafeEntryException {
        String name = header.name();
        EntryPath path = EntryPath.parse(name, name, "name");
        if (whiteoutNamesRefused && !path.isRoot() && path.baseName().startsWith(Whiteouts.PREFIX)) {
            throw new UnsafeEntryException(name, "it has a whiteout name (.wh.*), which jbuild does not extract with ADD");
        }
        for (String component : path.components()) {
            if (Whiteouts.isAufsMetadata(component)) {
                return new PendingEntry(header, path, PendingEntry.Role.IGNORED, null, null);
            }
        }
        String base = path.baseName();
        if (!path.isRoot() && Whiteouts.isOpaqueMarker(base)) {
            return new PendingEntry(header, path, PendingEntry.Role.OPAQUE_MARKER, null, null);
        }
        if (!path.isRoot() && Whiteouts.isWhiteout(base)) {
            String victim = Whiteouts.victim(base);
            if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
                throw new UnsafeEntryException(name, "whiteout names no file ('" + victim
                        + "' would remove its own directory or a parent)");
            }
            return new PendingEntry(header, path, PendingEntry.Role.WHITEOUT, null, null);
        }
        if (path.isRoot() && header.type() != TarEntryType.DIRECTORY) {
            throw new UnsafeEntryException(name, "only a directory can stand for the root of the layer");
        }
        if (header.uid() > MAX_ID || header.gid() > MAX_ID) {
            throw new UnsafeEntryException(name, "uid/gid out of range: " + header.uid() + ":" + header.gid());
        }
        EntryPath linkTarget = null;
        if (header.type() == TarEntryType.HARDLINK) {
            linkTarget = EntryPath.parse(header.linkName(), name, "hardlink target");
            if (linkTarget.isRoot()) {
                throw new UnsafeEntryException(name, "hardlink to the root directory");
            }
        }
        if (header.type() == TarEntryType.SYMLINK
                && (header.linkName().isEmpty() || header.linkName().indexOf('\0') >= 0)) {
            throw new UnsafeEntryException(name, "symlink target is empty or contains a NUL byte");
        }
        return new PendingEntry(header, path, PendingEntry.Role.CONTENT, linkTarget, null);
    }
}
