package dev.jbuild.cli.build;

import dev.jbuild.cli.UserError;
import java.util.Locale;

/**
 * {@code build --platform}: jbuild builds for the platform it runs on, so the host's platform (as
 * {@code os/arch[/variant]}, comma-separated lists of it included) is accepted and anything else is
 * refused with a line that says so, until multi-platform builds exist.
 */
public final class PlatformOption {
    private PlatformOption() {}

    /** The host's platform in Docker's spelling: {@code linux/amd64}, {@code linux/arm64}. */
    public static String host() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String goArch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
        return "linux/" + goArch;
    }

    /** Throws unless every platform of {@code value} is the host's. */
    public static void check(String value) {
        if (value == null) {
            return;
        }
        String host = host();
        for (String platform : value.split(",")) {
            String normalized = platform.trim().toLowerCase(Locale.ROOT);
            if (normalized.equals("local")) {
                continue;
            }
            // linux/amd64/v1 and linux/arm64/v8 are the default variants of the host's architecture
            if (!(normalized.equals(host) || normalized.equals(host + "/v1") || normalized.equals(host + "/v8")
                    || normalized.equals(host.substring("linux/".length())))) {
                throw new UserError("--platform " + platform.trim() + ": jbuild builds only for this host's platform ("
                        + host + "); building for another platform is not supported yet");
            }
        }
    }
}
