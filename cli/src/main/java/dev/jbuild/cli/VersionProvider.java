package dev.jbuild.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code --version} line, from the version Maven stamped into the jar. */
final class VersionProvider {
    private VersionProvider() {}

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/jbuild-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is then "unknown"; the rest of the line still helps a bug report
        }
        return "jbuild " + properties.getProperty("version", "unknown")
                + " (Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ")";
    }
}
