package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunInstructionTest extends BuilderTest {
    @Test
    void shellFormRunsThroughBinShAndItsFileIsInTheImage() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nRUN echo hello > /greeting && echo done\n", null);
        assertEquals("hello\n", fixture.read(result.state(), "/greeting"));
        assertEquals(List.of("done"), fixture.output());
        assertEquals("RUN /bin/sh -c echo hello > /greeting && echo done # buildkit",
                BuildFixture.builtHistory(result).get(0).createdBy());
        assertEquals(2, result.image().diffIds().size());
    }

    @Test
    void execFormRunsTheArgvWithoutAShell() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nRUN [\"/bin/echo\", \"$HOME\", \"a b\"]\n", null);
        assertEquals(List.of("$HOME a b"), fixture.output());
        assertEquals("RUN /bin/echo $HOME a b # buildkit", BuildFixture.builtHistory(result).get(0).createdBy());
    }

    @Test
    void heredocBodyRunsAsAScript() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nRUN <<EOF\necho one > /one\necho two\nEOF\n", null);
        assertEquals("one\n", fixture.read(result.state(), "/one"));
        assertEquals(List.of("two"), fixture.output());
    }

    @Test
    void heredocAfterACommandIsItsStandardInput() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nRUN cat > /file <<EOF\nline $((1+1))\nEOF\n", null);
        assertEquals("line 2\n", fixture.read(result.state(), "/file"));
    }

    @Test
    void heredocWithShebangRunsWithItsInterpreter() throws Exception {
        fixture.build("FROM busybox\nRUN <<EOF\n#!/bin/sh -e\necho \"shebang $0\"\nEOF\n", null);
        assertEquals(List.of("shebang /dev/pipes/EOF"), fixture.output());
    }

    @Test
    void failingStepReportsBuildKitsMessageAndTagsNothing() throws Exception {
        int imagesBefore = fixture.store.list().size();
        StepFailedException failure = assertThrows(StepFailedException.class, () -> fixture.build(
                "FROM busybox\nRUN echo before\nRUN echo some output; exit 3\n", null, Map.of(),
                b -> b.tag("failing:latest")));
        assertEquals("process \"/bin/sh -c echo some output; exit 3\" did not complete successfully: exit code: 3",
                failure.getMessage());
        assertEquals(3, failure.exitCode());
        assertEquals(List.of("some output"), failure.lastLines());
        assertEquals(3, failure.range().startLine());
        assertEquals(imagesBefore, fixture.store.list().size());
        assertThrows(dev.jbuild.store.ImageNotFoundException.class, () -> fixture.store.image("failing:latest"));
    }

    @Test
    void environmentIsImageEnvPlusDeclaredArgsAndHistoryNamesTheArgs() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nENV E=env\nARG A=1\nARG B\n"
                + "RUN echo \"$E $A $B $HTTP_PROXY\" > /out\n", null, Map.of("B", "two", "HTTP_PROXY", "http://p"),
                b -> { });
        assertEquals("env 1 two http://p\n", fixture.read(result.state(), "/out"));
        assertTrue(BuildFixture.createdBy(result).contains(
                "RUN |2 A=1 B=two /bin/sh -c echo \"$E $A $B $HTTP_PROXY\" > /out # buildkit"));
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "E=env"),
                BuildFixture.run(result).env());
    }

    @Test
    void networkNoneLeavesOnlyLoopback() throws Exception {
        fixture.build("FROM busybox\nRUN --network=none ls /sys/class/net | tr '\\n' ' '\n", null);
        assertEquals(List.of("lo "), fixture.output());
    }

    @Test
    void shellInstructionChangesTheShellOfLaterRuns() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nSHELL [\"/bin/sh\", \"-ec\"]\nRUN echo $0\n", null);
        assertEquals(List.of("/bin/sh"), fixture.output());
        assertTrue(BuildFixture.createdBy(result).contains("RUN /bin/sh -ec echo $0 # buildkit"));
        assertTrue(BuildFixture.createdBy(result).contains("SHELL [/bin/sh -ec]"));
    }
}
