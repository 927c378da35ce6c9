package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WORKDIR, USER at run time, and COPY/ADD as the builder wires them (the copy rules have their own tests). */
class FilesystemStepsTest extends BuilderTest {
    @Test
    void workdirIsRelativeToThePreviousOneAndCreatedWithTheUsersOwnership() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nWORKDIR /a\nWORKDIR b\nUSER app\nWORKDIR c\nRUN pwd\n", null);
        assertEquals("/a/b/c", BuildFixture.run(result).workingDir());
        assertEquals(List.of("/a/b/c"), fixture.output());
        assertEquals("d755 0:0", fixture.stat(result.state(), "/a/b"));
        assertEquals("d755 1000:1000", fixture.stat(result.state(), "/a/b/c"));
        List<HistoryEntry> history = BuildFixture.builtHistory(result);
        assertEquals("WORKDIR /a", history.get(0).createdBy());
        assertEquals("WORKDIR /a/b", history.get(1).createdBy());
        assertTrue(!history.get(0).emptyLayer());
        assertEquals(5, result.image().diffIds().size());
    }

    @Test
    void workdirRootMakesNoLayer() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nWORKDIR /\n", null);
        assertEquals(1, result.image().diffIds().size());
        assertTrue(BuildFixture.builtHistory(result).get(0).emptyLayer());
    }

    @Test
    void userFormsResolveAtRunTime() throws Exception {
        fixture.build("FROM busybox\nUSER app\nRUN echo $(id -u):$(id -g)\nUSER 1000:50\nRUN echo $(id -u):$(id -g)\n"
                + "USER app:staff\nRUN echo $(id -un):$(id -gn)\nUSER 4242\nRUN id -u\n", null);
        assertEquals(List.of("1000:1000", "1000:50", "app:staff", "4242"), fixture.output());
    }

    @Test
    void unknownUserFailsTheRunStepWithItsName() throws Exception {
        BuildException failure = assertThrows(BuildException.class,
                () -> fixture.build("FROM busybox\nUSER ghost\nRUN true\n", null));
        assertTrue(failure.getMessage().contains("ghost"), failure.getMessage());
        assertEquals(3, failure.range().startLine());
    }

    @Test
    void copyFromContextIntoRelativeDestinationWithChown() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx1"), "app.txt", "hello\n", "sub/b.txt", "b\n");
        BuildResult result = fixture.build("FROM busybox\nWORKDIR /srv\nCOPY --chown=app:staff app.txt ./\n"
                + "COPY sub/ /data/\nCOPY --chown=1000 app.txt /owned\n", context);
        assertEquals("hello\n", fixture.read(result.state(), "/srv/app.txt"));
        assertEquals("-644 1000:50", fixture.stat(result.state(), "/srv/app.txt"));
        assertEquals("b\n", fixture.read(result.state(), "/data/b.txt"));
        assertEquals("-644 1000:1000", fixture.stat(result.state(), "/owned"));
        List<String> createdBy = BuildFixture.builtHistory(result).stream().map(HistoryEntry::createdBy).toList();
        assertEquals(List.of("WORKDIR /srv", "COPY app.txt ./ # buildkit", "COPY sub/ /data/ # buildkit",
                "COPY app.txt /owned # buildkit"), createdBy);
    }

    @Test
    void addExtractsALocalTarAndCopiesPlainFiles() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx-add"), "plain.txt", "plain\n", "inner/file.txt", "in tar\n");
        BuildFixture.sh(context, "tar -czf archive.tar.gz -C inner file.txt");
        BuildResult result = fixture.build("FROM busybox\nADD archive.tar.gz /unpacked/\nADD plain.txt /plain\n",
                context);
        assertEquals("in tar\n", fixture.read(result.state(), "/unpacked/file.txt"));
        assertEquals("plain\n", fixture.read(result.state(), "/plain"));
        assertEquals("ADD archive.tar.gz /unpacked/ # buildkit", BuildFixture.builtHistory(result).get(0).createdBy());
    }

    @Test
    void copyFromAStageKeepsItsOwnersUnlessChownSaysOtherwise() throws Exception {
        BuildResult result = fixture.build("FROM busybox AS src\nRUN echo x > /f && chown 1000:50 /f\n"
                + "FROM busybox\nCOPY --from=src /f /kept\nCOPY --from=src --chown=65534:65534 /f /changed\n", null);
        assertEquals("-644 1000:50", fixture.stat(result.state(), "/kept"));
        assertEquals("-644 65534:65534", fixture.stat(result.state(), "/changed"));
    }

    @Test
    void copyHeredocExpandsVariables() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nARG WHO=world\nCOPY <<EOF /hello.txt\nhello $WHO\nEOF\n",
                null);
        assertEquals("hello world\n", fixture.read(result.state(), "/hello.txt"));
    }

    @Test
    void missingSourceNamesIt() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx2"), "present", "x");
        BuildException failure = assertThrows(BuildException.class,
                () -> fixture.build("FROM busybox\nCOPY absent.txt /\n", context));
        assertTrue(failure.getMessage().contains("absent.txt"), failure.getMessage());
    }

    /** Found before any step runs, at the FROM line. */
    @Test
    void baseImageNotInTheStoreIsAOneLineErrorSayingHowToGetIt() {
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class,
                () -> fixture.build("FROM alpine:3.20\nRUN true\n", null));
        assertEquals("alpine:3.20", ((BaseImageNotFoundException) failure.getCause()).reference());
        assertEquals(1, failure.range().startLine());
        assertTrue(failure.getMessage().contains("jbuild load") && failure.getMessage().contains("jbuild import"));
        assertTrue(!failure.getMessage().contains("\n"));
        assertEquals(0, fixture.events.size(), "nothing ran");
    }

    @Test
    void fromAnotherPlatformIsRefusedClearly() {
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class,
                () -> fixture.build("FROM --platform=linux/s390x busybox\n", null));
        assertTrue(failure.getMessage().contains("linux/s390x"), failure.getMessage());
        assertEquals(1, failure.range().startLine());
    }

    @Test
    void fromHostPlatformIsAccepted() throws Exception {
        BuildResult result = fixture.build("FROM --platform=$BUILDPLATFORM busybox\nRUN true\n", null);
        assertEquals(2, result.image().diffIds().size());
    }

    @Test
    void secretIsReadableInTheStepButNeverInLayersConfigOrHistory() throws Exception {
        BuildResult result = fixture.build("FROM busybox\nRUN --mount=type=secret,id=token cat /run/secrets/token "
                + "> /copy-of-length; wc -c < /run/secrets/token\n"
                + "RUN --mount=type=secret,id=token,env=TOKEN echo env-${#TOKEN}\n", null,
                Map.of(), b -> b.secret("token", "s3cr3t".getBytes()));
        assertEquals(List.of("6", "env-6"), fixture.output());
        assertEquals("s3cr3t", fixture.read(result.state(), "/copy-of-length"));
        assertEquals(null, fixture.read(result.state(), "/run/secrets/token"));
        String config = new String(BuildFixture.config(result).toJson());
        assertTrue(!config.contains("s3cr3t"));
        for (var layer : result.image().manifest().layers()) {
            byte[] blob = fixture.store.blobs().read(layer.digest());
            if (layer.digest().equals(result.image().diffIds().get(1))) {
                // the first RUN copied the secret on purpose: that layer has it, the mount itself is absent
                assertTrue(!new String(blob, java.nio.charset.StandardCharsets.ISO_8859_1).contains("run/secrets"));
            } else {
                assertTrue(!new String(blob, java.nio.charset.StandardCharsets.ISO_8859_1).contains("s3cr3t"));
            }
        }
    }

    @Test
    void sshAgentSocketIsForwardedWithSshAuthSock() throws Exception {
        Path socket = dir.resolve("agent.sock");
        try (java.nio.channels.ServerSocketChannel agent = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            agent.bind(java.net.UnixDomainSocketAddress.of(socket));
            BuildResult result = fixture.build("FROM busybox\nRUN --mount=type=ssh test -S \"$SSH_AUTH_SOCK\" "
                    + "&& echo \"$SSH_AUTH_SOCK\"\n", null, Map.of(), b -> b.sshAgent("default", socket).noCache(true));
            assertEquals(List.of("/run/buildkit/ssh_agent.0"), fixture.output());
            assertTrue(BuildFixture.run(result).env().stream().noneMatch(e -> e.startsWith("SSH_AUTH_SOCK")));
        }
    }

    @Test
    void buildWideNetworkNoneAppliesToEveryRun() throws Exception {
        fixture.build("FROM busybox\nRUN ls /sys/class/net | tr '\\n' ' '\n", null, Map.of(),
                b -> b.network(dev.jbuild.platform.NetworkMode.NONE).noCache(true));
        assertEquals(List.of("lo "), fixture.output());
    }

    @Test
    void cacheAndBindMountsStayOutOfTheImage() throws Exception {
        Path context = BuildFixture.context(dir.resolve("ctx3"), "input.txt", "from context\n");
        BuildResult first = fixture.build("FROM busybox\nRUN --mount=type=cache,target=/cache echo run >> /cache/log "
                + "&& wc -l < /cache/log\nRUN --mount=type=bind,source=input.txt,target=/in cat /in\n", context);
        assertEquals(List.of("1", "from context"), fixture.output());
        assertEquals(null, fixture.read(first.state(), "/cache/log"));
        assertEquals(null, fixture.read(first.state(), "/in"));
        fixture.build("FROM busybox\nRUN --mount=type=cache,target=/cache echo again >> /cache/log && wc -l < /cache/log\n",
                context);
        assertEquals(List.of("2"), fixture.output());
    }
}
