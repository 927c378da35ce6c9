package dev.jbuild.cli.build;

import dev.jbuild.builder.output.OutputTarget;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code --output}: {@code type=image} (the default), {@code docker}/{@code oci} (a save archive),
 * {@code tar} (the root filesystem as a tar), {@code local} (the root filesystem in a directory), with
 * {@code dest=PATH} ({@code -} is stdout for the archive types), or {@code registry} with
 * {@code name=REF} (pushed; also {@code type=image,name=REF,push=true}). A bare path means
 * {@code type=local}.
 *
 * @param name for {@code registry} (or an image output with {@code push=true}): where to push; else null
 */
public record OutputSpec(Type type, String dest, String name) {
    public enum Type { IMAGE, DOCKER, OCI, TAR, LOCAL, REGISTRY }

    public OutputSpec(Type type, String dest) {
        this(type, dest, null);
    }

    /**
     * The engine's target for this output ({@code -} as dest is {@code stdout}); null for {@code registry},
     * which the CLI's registry wiring pushes.
     */
    public OutputTarget target(OutputStream stdout) {
        return switch (type) {
            case IMAGE -> new OutputTarget.Image();
            case REGISTRY -> null;
            case LOCAL -> new OutputTarget.Local(Path.of(dest));
            case TAR -> new OutputTarget.RootfsTar(destination(stdout));
            case DOCKER -> new OutputTarget.ImageArchive(OutputTarget.ArchiveFormat.DOCKER, destination(stdout));
            case OCI -> new OutputTarget.ImageArchive(OutputTarget.ArchiveFormat.OCI, destination(stdout));
        };
    }

    private OutputTarget.Destination destination(OutputStream stdout) {
        return dest.equals("-") ? new OutputTarget.Destination.ToStream(stdout) : new OutputTarget.Destination.ToFile(Path.of(dest));
    }

    /** Whether this output pushes to a registry. */
    public boolean pushes() {
        return name != null;
    }

    public static OutputSpec parse(String text) {
        if (!text.contains("=")) {
            return new OutputSpec(Type.LOCAL, text);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid --output \"" + text + "\": expected key=value pairs");
            }
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        String typeName = fields.getOrDefault("type", "local");
        Type type;
        try {
            type = Type.valueOf(typeName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --output type \"" + typeName
                    + "\": expected image, registry, docker, oci, tar or local");
        }
        String name = fields.get("name");
        if (type == Type.REGISTRY || (type == Type.IMAGE && "true".equals(fields.get("push")))) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("--output type=" + typeName + " needs name=REGISTRY/REPOSITORY[:TAG]");
            }
            return new OutputSpec(Type.REGISTRY, null, name);
        }
        String dest = fields.get("dest");
        if (dest == null) {
            dest = fields.get("output");
        }
        if (type != Type.IMAGE && type != Type.REGISTRY && (dest == null || dest.isEmpty())) {
            throw new IllegalArgumentException("--output type=" + typeName + " needs dest=PATH");
        }
        return new OutputSpec(type, dest);
    }
}
