package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.HealthConfig;
import dev.jbuild.imagespec.HistoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config-only instructions: config shape and history text as BuildKit writes them (checked with Docker). */
class ConfigInstructionsTest extends BuilderTest {
    private static List<String> built(BuildResult result) {
        return BuildFixture.builtHistory(result).stream().map(HistoryEntry::createdBy).toList();
    }

    /** BuildKit's empty image has a working directory and a PATH before the first instruction (checked with Docker). */
    @Test
    void aScratchImageHasBuildkitsWorkingDirectoryAndPath() throws Exception {
        BuildResult result = fixture.build("FROM scratch\nENV A=1\n", null);
        ContainerConfig run = BuildFixture.run(result);
        assertEquals("/", run.workingDir());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1"), run.env());
        assertEquals(List.of("ENV A=1"), result.image().config().history().stream().map(HistoryEntry::createdBy).toList());
    }

    @Test
    void envBothFormsExpandAgainstTheEnvironmentBeforeTheInstruction() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nENV A=1\nENV A=2 B=$A\nENV LEGACY legacy value\n"
                + "ENV Q=\"two words\" R=${A}x\n", null);
        ContainerConfig run = BuildFixture.run(result);
        assertEquals("2", run.envValue("A"));
        assertEquals("1", run.envValue("B"));
        assertEquals("legacy value", run.envValue("LEGACY"));
        assertEquals("two words", run.envValue("Q"));
        assertEquals("2x", run.envValue("R"));
        assertEquals(List.of("ENV A=1", "ENV A=2 B=1", "ENV LEGACY=legacy value", "ENV Q=two words R=2x"),
                built(result));
        assertTrue(BuildFixture.builtHistory(result).stream().allMatch(HistoryEntry::emptyLayer));
        assertEquals(1, result.image().diffIds().size());
    }

    /** ENV values that double at every line: the build stops at the line that passes the limit, at once. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void anEnvironmentThatDoublesAtEveryLineFailsAtTheLineThatPassesTheLimit() {
        StringBuilder dockerfile = new StringBuilder("FROM busybox\nENV V0=0123456789abcdef\n");
        for (int i = 1; i <= 50; i++) {
            dockerfile.append("ENV V").append(i).append("=${V").append(i - 1).append("}${V").append(i - 1).append("}\n");
        }

        dev.jbuild.parser.syntax.DockerfileSyntaxException error = org.junit.jupiter.api.Assertions.assertThrows(
                dev.jbuild.parser.syntax.DockerfileSyntaxException.class, () -> fixture.build(dockerfile.toString(), null));

        // 16 characters doubled 16 times (V16, line 18) is 1 MiB exactly; V17 (line 19) would be twice that.
        assertTrue(error.oneLine().startsWith("Dockerfile:19:1: failed to process \"${V16}${V16}\": the expanded value"
                + " is longer than 1048576 characters"), error.oneLine());
        assertTrue(error.oneLine().length() < 400, error.oneLine());
    }

    @Test
    void labelsExposeVolumesStopsignalUserAndMaintainerHaveDockersShape() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nARG PORT=80\nLABEL k=v \"k 2\"=\"v 2\"\n"
                + "EXPOSE $PORT 53/udp 8000-8001\nVOLUME /v1 /v2\nVOLUME [\"/v3\"]\nSTOPSIGNAL SIGINT\n"
                + "USER 65534:65534\nMAINTAINER me <me@x>\n", null);
        ContainerConfig run = BuildFixture.run(result);
        assertEquals(Map.of("k", "v", "k 2", "v 2"), run.labels());
        assertEquals(List.of("53/udp", "80/tcp", "8000/tcp", "8001/tcp"), run.exposedPorts());
        assertEquals(List.of("/v1", "/v2", "/v3"), run.volumes());
        assertEquals("SIGINT", run.stopSignal());
        assertEquals("65534:65534", run.user());
        assertEquals("me <me@x>", BuildFixture.config(result).author());
        assertEquals(List.of("ARG PORT=80", "LABEL k=v k 2=v 2", "EXPOSE map[53/udp:{} 80/tcp:{} 8000/tcp:{} 8001/tcp:{}]",
                "VOLUME [/v1 /v2]", "VOLUME [/v3]", "STOPSIGNAL SIGINT", "USER 65534:65534", "MAINTAINER me <me@x>"),
                built(result));
    }

    @Test
    void healthcheckKeepsItsCommandUnexpandedWithDurationsInNanoseconds() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nHEALTHCHECK --interval=5s --timeout=1m30s --start-period=2s "
                + "--retries=3 CMD wget -q http://localhost:$PORT/ || exit 1\n", null);
        HealthConfig health = BuildFixture.run(result).healthcheck();
        assertEquals(List.of("CMD-SHELL", "wget -q http://localhost:$PORT/ || exit 1"), health.test());
        assertEquals(Duration.ofSeconds(5), health.interval());
        assertEquals(Duration.ofSeconds(90), health.timeout());
        assertEquals(3, health.retries());
        assertEquals(List.of("HEALTHCHECK &{[\"CMD-SHELL\" \"wget -q http://localhost:$PORT/ || exit 1\"] \"5s\" "
                + "\"1m30s\" \"2s\" \"0s\" '\\x03'}"), built(result));
    }

    @Test
    void healthcheckNoneAndExecForm() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nHEALTHCHECK CMD [\"true\"]\nHEALTHCHECK NONE\n", null);
        assertEquals(List.of("NONE"), BuildFixture.run(result).healthcheck().test());
        assertEquals("HEALTHCHECK &{[\"CMD\" \"true\"] \"0s\" \"0s\" \"0s\" \"0s\" '\\x00'}", built(result).get(0));
    }

    @Test
    void entrypointDropsTheBaseImagesCmdButNotOneSetInTheStage() throws Exception {
        BuildResult dropped = fixture.build("FROM busybox\nENTRYPOINT [\"/bin/echo\"]\n", null);
        assertEquals(List.of("/bin/echo"), BuildFixture.run(dropped).entrypoint());
        assertEquals(List.of(), BuildFixture.run(dropped).cmd());
        assertTrue(BuildFixture.run(dropped).argsEscaped());

        BuildResult kept = fixture.build("FROM busybox\nCMD [\"hi\"]\nENTRYPOINT echo\n", null);
        assertEquals(List.of("/bin/sh", "-c", "echo"), BuildFixture.run(kept).entrypoint());
        assertEquals(List.of("hi"), BuildFixture.run(kept).cmd());
        assertEquals(List.of("CMD [\"hi\"]", "ENTRYPOINT [\"/bin/sh\" \"-c\" \"echo\"]"), built(kept));
    }

    @Test
    void shellFormCmdUsesTheCurrentShell() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nSHELL [\"/bin/ash\", \"-xc\"]\nCMD echo hi\n", null);
        assertEquals(List.of("/bin/ash", "-xc", "echo hi"), BuildFixture.run(result).cmd());
        assertEquals(List.of("/bin/ash", "-xc"), BuildFixture.run(result).shell());
    }

    @Test
    void onbuildIsRecordedWithoutHistoryAndRunsInTheChildBuild() throws Exception {
        BuildResult parent = fixture.build("FROM busybox\nONBUILD RUN echo triggered > /onbuild\n"
                + "ONBUILD ENV FROM_TRIGGER=yes\n", null, Map.of(), b -> b.tag("onbuild-parent"));
        assertEquals(List.of("RUN echo triggered > /onbuild", "ENV FROM_TRIGGER=yes"),
                BuildFixture.run(parent).onBuild());
        assertEquals(List.of(), built(parent));
        assertNull(fixture.read(parent.state(), "/onbuild"));

        BuildResult child = fixture.build("FROM onbuild-parent\nRUN cat /onbuild\n", null);
        assertEquals("triggered\n", fixture.read(child.state(), "/onbuild"));
        assertEquals("yes", BuildFixture.run(child).envValue("FROM_TRIGGER"));
        assertEquals(List.of(), BuildFixture.run(child).onBuild());
        assertEquals(List.of("triggered"), fixture.output());
    }

    @Test
    void commandLineLabelsGoOnTheFinalImageOnly() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nLABEL a=1\n", null, Map.of(),
                b -> b.label("b", "2").label("a", "override"));
        assertEquals(Map.of("a", "override", "b", "2"), BuildFixture.run(result).labels());
        assertEquals(List.of("LABEL a=1"), built(result));
    }

    @Test
    void scratchStageGetsTheDefaultPathAndNoLayers() throws Exception {
        BuildResult result = fixture.build("FROM scratch\nENV A=1\n", null);
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1"),
                BuildFixture.run(result).env());
        assertEquals(0, result.image().diffIds().size());
        assertFalse(BuildFixture.config(result).history().isEmpty());
    }
}
