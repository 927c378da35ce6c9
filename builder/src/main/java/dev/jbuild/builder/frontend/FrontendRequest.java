package dev.jbuild.builder.frontend;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a build, {@code parse} or {@code lint} asks of the front half.
 *
 * @param context where the context comes from
 * @param dockerfile the {@code -f} value as the user typed it (any name, inside or outside the context,
 *     relative to the working directory as with docker, or {@code -} for stdin), or null for
 *     {@code CONTEXT/Dockerfile}
 * @param buildArgs {@code --build-arg} values by name
 * @param target {@code --target}, or null for the last stage
 * @param stdin what {@code -} reads, for the context or the Dockerfile
 */
public record FrontendRequest(ContextSource context, String dockerfile, Map<String, String> buildArgs, String target,
        InputStream stdin) {

    public FrontendRequest {
        Objects.requireNonNull(context, "context");
        buildArgs = Map.copyOf(buildArgs);
    }

    /** A Dockerfile on its own, no build arguments, no target: what lint reads. */
    public static FrontendRequest dockerfile(String dockerfile, ContextSource context, InputStream stdin) {
        return new FrontendRequest(context, dockerfile, Map.of(), null, stdin);
    }
}
