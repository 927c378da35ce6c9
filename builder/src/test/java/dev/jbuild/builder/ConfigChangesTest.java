package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.builder.dispatch.ConfigChanges;
import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code import --change} gives the config a Dockerfile gives: each list of changes is applied to the
 * busybox config and also built, on the same base, by the real builder; the two configs must be equal
 * (but for ArgsEscaped, which dockerd's import leaves alone on Linux and BuildKit sets).
 */
class ConfigChangesTest extends BuilderTest {

    private static ImageConfig base() throws Exception {
        return BuildFixture.config(fixture.build("FROM busybox\n", null));
    }

    private static ContainerConfig built(List<String> changes) throws Exception {
        ContainerConfig run = BuildFixture.run(fixture.build("FROM busybox\n" + String.join("\n", changes) + "\n", null));
        return run.withArgsEscaped(false);
    }

    private static ContainerConfig imported(List<String> changes) throws Exception {
        return ConfigChanges.parse(changes).applyTo(base()).config();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ENV A=b|CMD [\"x\"]",
            "ENV A=1|ENV A=2 B=$A C=${A}x|LABEL k=$B other=\"two words\"",
            "EXPOSE 8001-8002 80 53/udp|EXPOSE 443/TCP",
            "WORKDIR /app|WORKDIR sub/../lib|ENV D=data|VOLUME /$D /logs|USER 1:1",
            "ENTRYPOINT [\"e\"]",
            "WORKDIR rel/x/..",
            "CMD run me|ENTRYPOINT exec in shell",
            "STOPSIGNAL SIGTERM|HEALTHCHECK --interval=5s --retries=2 CMD true|ONBUILD RUN echo later",
    })
    void changesGiveTheConfigTheDockerfileGives(String joined) throws Exception {
        List<String> changes = List.of(joined.split("\\|"));
        assertEquals(built(changes), imported(changes));
    }

    @Test
    void theCasesAboveChangeSomething() throws Exception {
        ContainerConfig base = base().config();
        ContainerConfig changed = imported(List.of("ENTRYPOINT [\"e\"]", "EXPOSE 8001-8002 80"));
        assertEquals(List.of("e"), changed.entrypoint());
        assertEquals(List.of(), changed.cmd(), "ENTRYPOINT clears the base image's CMD");
        assertEquals(List.of("sh"), base.cmd());
        assertEquals(List.of("80/tcp", "8001/tcp", "8002/tcp"), changed.exposedPorts());
        assertFalse(changed.argsEscaped());
    }

    @Test
    void onlyTheInstructionsDockerAcceptsAreAllowed() {
        DockerfileSyntaxException run = assertThrows(DockerfileSyntaxException.class,
                () -> ConfigChanges.parse(List.of("ENV A=b", "RUN echo no")));
        assertEquals("run is not a valid change command", run.oneLine());
        assertThrows(DockerfileSyntaxException.class, () -> ConfigChanges.parse(List.of("SHELL [\"bash\"]")));
        assertThrows(DockerfileSyntaxException.class, () -> ConfigChanges.parse(List.of("FROM busybox")));
    }

    @Test
    void aBadValueIsSaidAtItsChange() throws Exception {
        ConfigChanges changes = ConfigChanges.parse(List.of("EXPOSE 80/xyz"));
        DockerfileSyntaxException error = assertThrows(DockerfileSyntaxException.class, () -> changes.applyTo(base()));
        assertEquals("--change:1:1: invalid proto: xyz", error.oneLine());

        DockerfileSyntaxException unparsable = assertThrows(DockerfileSyntaxException.class,
                () -> ConfigChanges.parse(List.of("HEALTHCHECK --bogus=1 CMD true")));
        assertTrue(unparsable.oneLine().startsWith("invalid --change 'HEALTHCHECK --bogus=1 CMD true': "), unparsable.oneLine());
    }
}
