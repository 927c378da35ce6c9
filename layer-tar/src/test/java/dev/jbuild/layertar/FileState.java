package dev.jbuild.layertar;

import java.util.Map;

/**
 * Everything a layer round trip must keep about one path, in a form whose equals() compares it.
 *
 * @param content sha256 hex of a regular file's bytes, the target of a symlink, major:minor of a device
 * @param xattrs attribute name to hex value
 * @param linkGroup the sorted names sharing this inode, for multiply-linked non-directories; "" otherwise
 */
record FileState(String type, String mode, long uid, long gid, long size, String content, Map<String, String> xattrs,
                 long mtime, String linkGroup) {
}
