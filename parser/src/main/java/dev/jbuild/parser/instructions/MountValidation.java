package dev.jbuild.parser.instructions;

import dev.jbuild.parser.text.GoText;

/** The rules a mount's options must satisfy as a whole, checked in BuildKit's order. */
final class MountValidation {
    private MountValidation() {}

    static void check(MountOptions o) {
        boolean fileInfoAllowed = o.type.equals("secret") || o.type.equals("ssh") || o.type.equals("cache");
        if (!fileInfoAllowed) {
            notAllowed(o.modeGiven, "mode", o.type);
            notAllowed(o.uidGiven, "uid", o.type);
            notAllowed(o.gidGiven, "gid", o.type);
        }
        if (o.type.equals("secret")) {
            checkSecret(o);
        }
        if (o.sharingGiven && !o.type.equals("cache")) {
            throw new InstructionException("invalid cache sharing set for " + o.type + " mount");
        }
        if (o.type.equals("ssh") && MountOptions.present(o.source)) {
            // BuildKit reports this one at dispatch.
            throw new InstructionException("ssh does not support source");
        }
        // No target check: BuildKit resolves a missing or relative target against the working directory,
        // and real Dockerfiles (moby's, buildx's) rely on `--mount=from=stage,src=...` landing on WORKDIR.
    }

    private static void checkSecret(MountOptions o) {
        if (MountOptions.present(o.from)) {
            throw new InstructionException("secret mount should not have a from");
        }
        if (o.sharingGiven) {
            throw new InstructionException("secret mount should not define sharing");
        }
        if (!MountOptions.present(o.source) && !MountOptions.present(o.target) && !MountOptions.present(o.id)) {
            throw new InstructionException("invalid secret mount. one of source, target required");
        }
        if (MountOptions.present(o.source) && MountOptions.present(o.id)) {
            throw new InstructionException("both source and id can't be set");
        }
    }

    private static void notAllowed(boolean given, String key, String type) {
        if (given) {
            throw new InstructionException(key + " not allowed for " + GoText.quote(type) + " type mounts");
        }
    }
}
