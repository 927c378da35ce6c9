package dev.jbuild.parser.instructions;

import dev.jbuild.platform.CacheSharing;

/**
 * The options of one mount as read so far, before checks and defaults. Empty strings count as
 * absent, as in BuildKit; the {@code *Given} flags remember options whose value is deferred.
 */
final class MountOptions {
    String type = "bind";
    String from;
    String source;
    String target;
    String id;
    String env;
    boolean readOnly;
    /** True until ro/rw is given: the read-only default then depends on the type. */
    boolean readOnlyAuto = true;
    boolean required;
    Long sizeBytes;
    boolean sizeGiven;
    CacheSharing sharing;
    boolean sharingGiven;
    Long mode;
    boolean modeGiven;
    Long uid;
    boolean uidGiven;
    Long gid;
    boolean gidGiven;

    void readOnly(boolean value) {
        readOnly = value;
        readOnlyAuto = false;
    }

    static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    static String orNull(String value) {
        return present(value) ? value : null;
    }
}
