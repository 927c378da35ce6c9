package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An OCI platform: what an image or manifest runs on.
 *
 * @param architecture GOARCH spelling ({@code amd64}, {@code arm64})
 * @param os GOOS spelling ({@code linux})
 */
public record Platform(String architecture, String os, String osVersion, List<String> osFeatures, String variant) {

    public Platform {
        architecture = architecture == null ? "" : architecture;
        os = os == null ? "" : os;
        osVersion = osVersion == null ? "" : osVersion;
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
        variant = variant == null ? "" : variant;
    }

    public Platform(String architecture, String os) {
        this(architecture, os, "", List.of(), "");
    }

    /** The platform of this machine in Go's names, what Docker records for an import. */
    public static Platform host() {
        return new Platform(goArch(System.getProperty("os.arch", "")), "linux");
    }

    static String goArch(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "arm" -> "arm";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> javaArch;
        };
    }

    /**
     * Reads {@code os/arch[/variant]} as {@code --platform} and {@code FROM --platform} spell it, in
     * lower case as containerd's platform parser normalises it.
     */
    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid platform \"" + text + "\": expected os/arch[/variant]");
        }
        return new Platform(parts[1].toLowerCase(Locale.ROOT), parts[0].toLowerCase(Locale.ROOT), "", List.of(),
                parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : "");
    }

    /**
     * The ARGs BuildKit defines for every build: TARGETPLATFORM, TARGETOS, ... BUILDVARIANT. jbuild builds
     * for the machine it runs on, so target and build platform are the same.
     */
    public Map<String, String> automaticArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        for (String prefix : new String[] {"TARGET", "BUILD"}) {
            args.put(prefix + "PLATFORM", toString());
            args.put(prefix + "OS", os);
            args.put(prefix + "ARCH", architecture);
            args.put(prefix + "VARIANT", variant);
        }
        return args;
    }

    /** {@code os/architecture[/variant]}, as {@code --platform} spells it. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }

    ObjectNode toJson() {
        ObjectNode obj = CanonicalJson.object();
        obj.put("architecture", architecture);
        obj.put("os", os);
        JsonFields.putText(obj, "os.version", osVersion);
        JsonFields.putStrings(obj, "os.features", osFeatures);
        JsonFields.putText(obj, "variant", variant);
        return obj;
    }

    static Platform fromJson(JsonNode obj) {
        return new Platform(JsonFields.text(obj, "architecture"), JsonFields.text(obj, "os"),
                JsonFields.text(obj, "os.version"), JsonFields.strings(obj, "os.features"),
                JsonFields.text(obj, "variant"));
    }
}
