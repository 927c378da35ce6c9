package dev.jbuild.cli.build;

import dev.jbuild.builder.NamedContext;
import dev.jbuild.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --build-context NAME=DIR|docker-image://REF}, read as buildx reads it. */
public final class NamedContexts {
    private static final String IMAGE = "docker-image://";

    private NamedContexts() {}

    public static Map<String, NamedContext> parse(List<String> values) {
        Map<String, NamedContext> contexts = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw new UserError("invalid --build-context \"" + value + "\": expected NAME=DIR or "
                        + "NAME=docker-image://REF");
            }
            String name = value.substring(0, eq);
            String source = value.substring(eq + 1);
            if (source.startsWith(IMAGE)) {
                contexts.put(name, new NamedContext.Image(source.substring(IMAGE.length())));
            } else if (source.contains("://") || source.startsWith("git@")) {
                throw new UserError("--build-context " + name + "=" + source + ": only a local directory or "
                        + "docker-image://REF is supported (not URLs, Git or OCI layouts)");
            } else {
                Path dir = Path.of(source);
                if (!Files.isDirectory(dir)) {
                    throw new UserError("--build-context " + name + ": \"" + source + "\" is not a directory");
                }
                contexts.put(name, new NamedContext.Directory(dir.toAbsolutePath()));
            }
        }
        return contexts;
    }
}
