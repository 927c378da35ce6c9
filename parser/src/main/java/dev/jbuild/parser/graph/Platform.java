package dev.jbuild.parser.graph;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An OCI platform ({@code linux/amd64}, {@code linux/arm/v7}). */
public record Platform(String os, String architecture, String variant) {

    /** The machine jbuild runs on, named as Go (and so Docker) names it. */
    public static Platform host() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "arm" -> "arm";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> System.getProperty("os.arch");
        };
        return new Platform("linux", arch, "");
    }

    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid platform \"" + text + "\": expected os/arch[/variant]");
        }
        return new Platform(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT),
                parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : "");
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
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
}
