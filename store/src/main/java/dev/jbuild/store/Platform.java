package dev.jbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

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
