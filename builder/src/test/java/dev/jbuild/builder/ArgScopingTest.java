package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgScopingTest extends BuilderTest {
    @Test
    void globalArgIsUsableInFromButInsideAStageOnlyAfterRedeclaration() throws Exception {
        BuildResult result = fixture.build("ARG IMAGE=busybox\nARG V=global\nFROM $IMAGE\nLABEL before=\"[$V]\"\n"
                + "ARG V\nLABEL after=\"[$V]\"\n", null);
        assertEquals(Map.of("before", "[]", "after", "[global]"), BuildFixture.run(result).labels());
    }

    @Test
    void buildArgOverridesTheDefaultAndIsNotPersistedInEnv() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nARG A=default\nLABEL a=$A\nRUN echo $A\n", null,
                Map.of("A", "given"), b -> { });
        assertEquals("given", BuildFixture.run(result).labels().get("a"));
        assertEquals(List.of("given"), fixture.output());
        assertTrue(BuildFixture.run(result).env().stream().noneMatch(e -> e.startsWith("A=")));
    }

    @Test
    void envOverridesAnArgOfTheSameName() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nARG X=arg\nENV X=env\nLABEL x=$X\n", null);
        assertEquals("env", BuildFixture.run(result).labels().get("x"));
    }

    @Test
    void argIsScopedToItsStage() throws Exception {
        BuildResult result = fixture.build("FROM busybox AS one\nARG A=one\n"
                + "FROM busybox\nLABEL a=\"[$A]\"\n", null);
        assertEquals("[]", BuildFixture.run(result).labels().get("a"));
    }

    @Test
    void automaticPlatformArgsNeedADeclarationInTheStage() throws Exception {
        String platform = Platform.host().toString();
        BuildResult result = fixture.build("FROM busybox\nLABEL before=\"[$TARGETPLATFORM]\"\nARG TARGETPLATFORM\n"
                + "ARG TARGETARCH\nLABEL after=$TARGETPLATFORM arch=$TARGETARCH\n", null);
        Map<String, String> labels = BuildFixture.run(result).labels();
        assertEquals("[]", labels.get("before"));
        assertEquals(platform, labels.get("after"));
        assertEquals(Platform.host().architecture(), labels.get("arch"));
    }

    @Test
    void proxyArgsReachRunWithoutDeclarationButStayOutOfHistory() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nRUN echo $http_proxy\n", null,
                Map.of("http_proxy", "http://proxy:3128"), b -> { });
        assertEquals(List.of("http://proxy:3128"), fixture.output());
        assertEquals("RUN /bin/sh -c echo $http_proxy # buildkit",
                BuildFixture.builtHistory(result).get(0).createdBy());
    }
}
