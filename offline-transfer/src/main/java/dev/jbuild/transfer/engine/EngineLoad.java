package dev.jbuild.transfer.engine;

import dev.jbuild.transfer.EngineLoadException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands an image archive to the local Docker engine, as buildx's docker driver does for
 * {@code --load}: through the Engine API on the socket Docker's client would use ({@code DOCKER_HOST},
 * else {@code /var/run/docker.sock}) when an engine answers there, else through the {@code docker} CLI
 * (which also knows contexts, {@code ssh://} hosts and TLS, where the API is not tried).
 *
 * <p>Nothing here is loaded by a command that does not load into an engine: the HTTP client's classes
 * come in with the first call.
 */
public final class EngineLoad {
    private EngineLoad() {
    }

    /**
     * @param env the environment Docker's client would see ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT},
     *     {@code DOCKER_CONFIG}, {@code HOME}, {@code PATH})
     * @param messages what the engine says, line by line ({@code Loaded image: NAME})
     * @return how the image went in: {@code the Engine API at unix:///var/run/docker.sock} or {@code the
     *     docker CLI (/usr/bin/docker)}
     * @throws EngineLoadException no engine answers and there is no CLI, or the engine refused the image
     */
    public static String load(Map<String, String> env, ArchiveWriter archive, Consumer<String> messages)
            throws IOException {
        EngineRoute route = EngineRoute.of(env);
        if (route.api() != null) {
            try (EngineApi api = new EngineApi(route.api())) {
                if (api.answers()) {
                    api.load(archive, messages);
                    return "the Engine API at " + route.api();
                }
            }
        }
        DockerCli cli = DockerCli.find(env);
        if (cli == null) {
            throw new EngineLoadException(route.api() != null
                    ? "no Docker engine answers at " + route.api() + ", and there is no docker CLI on PATH"
                    : route.why() + " is reached through the docker CLI, and there is no docker on PATH");
        }
        cli.load(env, archive, messages);
        return "the docker CLI (" + cli + ")";
    }
}
