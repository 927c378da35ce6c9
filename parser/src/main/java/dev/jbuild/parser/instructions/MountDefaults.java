package dev.jbuild.parser.instructions;

import dev.jbuild.platform.CacheSharing;
import dev.jbuild.platform.GoPaths;

/** Turns checked mount options into a {@link Mount}, filling in what BuildKit fills in. */
final class MountDefaults {
    private static final String SECRETS_DIR = "/run/secrets/";

    private MountDefaults() {}

    static Mount build(MountOptions o, String spec) {
        String target = MountOptions.orNull(o.target);
        return switch (o.type) {
            case "bind" -> new Mount.Bind(target, MountOptions.orNull(o.source), MountOptions.orNull(o.from),
                    !readOnly(o, true), spec);
            case "cache" -> new Mount.Cache(target, cacheId(o), o.sharing == null ? CacheSharing.SHARED : o.sharing,
                    MountOptions.orNull(o.from), MountOptions.orNull(o.source), o.mode, o.uid, o.gid,
                    readOnly(o, false), spec);
            case "tmpfs" -> new Mount.Tmpfs(target, o.sizeBytes, readOnly(o, false), spec);
            case "secret" -> secret(o, spec);
            case "ssh" -> new Mount.Ssh(MountOptions.present(o.id) ? o.id : "default", target, o.required,
                    o.mode, o.uid, o.gid, spec);
            default -> throw new IllegalStateException("unchecked mount type " + o.type);
        };
    }

    /** Bind and secret/ssh mounts are read-only unless rw is given; cache and tmpfs are writable. */
    private static boolean readOnly(MountOptions o, boolean byDefault) {
        return o.readOnlyAuto ? byDefault : o.readOnly;
    }

    /** The id defaults to the target; with no target either, the builder derives it from the resolved target. */
    private static String cacheId(MountOptions o) {
        if (MountOptions.present(o.id)) {
            return o.id;
        }
        return MountOptions.present(o.target) ? GoPaths.clean(o.target) : null;
    }

    private static Mount secret(MountOptions o, String spec) {
        String id;
        if (MountOptions.present(o.source)) {
            id = o.source;
        } else if (MountOptions.present(o.id)) {
            id = o.id;
        } else {
            id = GoPaths.base(o.target);
        }
        String target = MountOptions.orNull(o.target);
        // An env-only secret has no file; otherwise the file goes to the conventional place.
        if (target == null && o.env == null) {
            target = SECRETS_DIR + GoPaths.base(id);
        }
        return new Mount.Secret(id, target, o.env, o.required, o.mode, o.uid, o.gid, spec);
    }
}
