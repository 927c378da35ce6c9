package dev.jbuild.layertar;

import java.util.Objects;
import java.util.function.LongFunction;

/**
 * How entry headers describe ownership and mode beyond the numbers a layer needs.
 *
 * <p>A layer carries numeric owners and permission bits only ({@link #LAYER}): names would differ between
 * hosts and change the layer's digest. {@code docker export} writes what Docker's archive package writes
 * for any file system tar ({@link #dockerExport}): the file-type bits in the mode as well ({@code 0100644}
 * for a regular file, {@code 040755} for a directory, {@code 0120777} for a symlink, which Go's
 * archive/tar stopped adding and Docker adds back), and the user and group names of the ids as the host
 * names them.
 *
 * @param fileTypeBits whether the mode field carries the {@code S_IFMT} bits of the entry's type
 * @param userName the user name of a uid, or "" for none
 * @param groupName the group name of a gid, or "" for none
 */
public record HeaderStyle(boolean fileTypeBits, LongFunction<String> userName, LongFunction<String> groupName) {
    /** Numbers only: what every layer is written with. */
    public static final HeaderStyle LAYER = new HeaderStyle(false, id -> "", id -> "");

    public HeaderStyle {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(groupName, "groupName");
    }

    /** {@code docker export}'s headers, with names from the given lookups. */
    public static HeaderStyle dockerExport(LongFunction<String> userName, LongFunction<String> groupName) {
        return new HeaderStyle(true, userName, groupName);
    }

    /** The mode field of an entry: its permission bits, plus its type's bits when this style wants them. */
    int mode(TarEntryType type, int permissions) {
        if (!fileTypeBits) {
            return permissions;
        }
        return permissions | switch (type) {
            case REGULAR, HARDLINK -> 0100000; // a hard link is a regular file on the disk it was read from
            case DIRECTORY -> 040000;
            case SYMLINK -> 0120000;
            case CHAR_DEVICE -> 020000;
            case BLOCK_DEVICE -> 060000;
            case FIFO -> 010000;
        };
    }
}
