package dev.jbuild.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RUN's default network through real jbuild processes: a real Debian userland reaches its mirror, concurrent
 * builds get namespaces (and, on the bridge, addresses) of their own, and what a killed build's step had set
 * up is gone after the next build.
 */
class RunNetworkTest {
    @TempDir
    static Path shared;
    private static Path root;

    @BeforeAll
    static void importBases() throws Exception {
        root = shared.resolve("store");
        BusyboxBase.importInto(root, shared);
    }

    private static Map<String, String> provider(String name) {
        boolean present = name.equals("slirp4netns") ? Files.isExecutable(Path.of("/usr/bin/slirp4netns"))
                : Files.isExecutable(Path.of("/usr/lib/cni/bridge"));
        if (System.getenv("CI") == null) {
            assumeTrue(present, name + " is not installed (apt-get install -y slirp4netns containernetworking-plugins)");
        }
        return Map.of("JBUILD_NETWORK_PROVIDER", name);
    }

    private static Path context(String name, String dockerfile) throws IOException {
        Path dir = Files.createDirectories(shared.resolve(name));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return dir;
    }

    @Test
    void aptGetUpdateWorksInADebianStepByDefault() throws Exception {
        Path debianRoot = shared.resolve("debian-store");
        DebianBase.importInto(debianRoot, shared);
        Path dir = context("apt", "FROM debian:bookworm\nRUN apt-get update && apt-cache policy base-files\n");

        JbuildProcess.Result result = JbuildProcess.run(debianRoot, shared, shared.resolve("logs"),
                "build", "--progress", "plain", "--no-cache", dir.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("InRelease"), result.err());
        assertTrue(result.err().contains("http://deb.debian.org/debian bookworm/main amd64 Packages")
                || result.err().contains("bookworm/main"), result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"slirp4netns", "cni-bridge"})
    void fourConcurrentBuildsEachGetANamespaceOfTheirOwn(String name) throws Exception {
        Map<String, String> env = provider(name);
        List<JbuildProcess> builds = new ArrayList<>();
        Set<String> namespaces = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        try {
            for (int i = 0; i < 4; i++) {
                // Different commands: four distinct steps, not one step and three cache hits.
                Path dir = context("concurrent-" + name + "-" + i, "FROM busybox\nRUN echo build " + i
                        + "; echo ns=$(readlink /proc/self/ns/net); echo addr=$(ip -4 -o addr show scope global"
                        + " | awk '{print $4}'); sleep 2\n");
                builds.add(JbuildProcess.start(root, shared, shared.resolve("logs"), env,
                        "build", "--progress", "plain", "--no-cache", dir.toString()));
            }
            for (JbuildProcess build : builds) {
                JbuildProcess.Result result = build.await(Duration.ofMinutes(2));
                assertEquals(0, result.exitCode(), result.err());
                namespaces.add(field(result.err(), "ns"));
                addresses.add(field(result.err(), "addr"));
            }
        } finally {
            for (JbuildProcess build : builds) {
                build.close();
            }
        }
        assertEquals(4, namespaces.size(), namespaces.toString());
        assertFalse(namespaces.contains(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString()));
        if (name.equals("cni-bridge")) {
            assertEquals(4, addresses.size(), addresses.toString());
        } else {
            assertEquals(Set.of("10.0.2.100/24"), addresses, "slirp4netns: one private address per namespace");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"slirp4netns", "cni-bridge"})
    void whatAKilledBuildsStepSetUpIsGoneAfterTheNextBuild(String name) throws Exception {
        Map<String, String> env = provider(name);
        HostLeftovers before = HostLeftovers.capture(root);
        // The step prints a line its Dockerfile text does not contain: the progress line naming the step must
        // not count as the step running.
        Path sleeping = context("killed-" + name, "FROM busybox\nRUN echo " + name + " started-$((6*7)); sleep 120\n");
        try (JbuildProcess build = JbuildProcess.start(root, shared, shared.resolve("logs"), env,
                "build", "--progress", "plain", "--no-cache", sleeping.toString())) {
            awaitOutput(build, name + " started-42");
            build.kill();
        }
        HostLeftovers killed = HostLeftovers.capture(root);
        assertTrue(killed.hasStoreLeftovers(), "the kill left nothing to clean up, so this test shows nothing: "
                + killed);

        Path next = context("next-" + name, "FROM busybox\nRUN echo next\n");
        JbuildProcess.Result result = JbuildProcess.start(root, shared, shared.resolve("logs"), env,
                "build", "--progress", "plain", "--no-cache", next.toString()).await(Duration.ofMinutes(2));
        assertEquals(0, result.exitCode(), result.err());

        assertEquals(before, HostLeftovers.capture(root));
    }

    @Test
    void aFailedStepLeavesNothingEither() throws Exception {
        Map<String, String> env = provider("cni-bridge");
        HostLeftovers before = HostLeftovers.capture(root);
        Path dir = context("failing", "FROM busybox\nRUN ip addr; exit 7\n");

        JbuildProcess.Result result = JbuildProcess.start(root, shared, shared.resolve("logs"), env,
                "build", "--progress", "plain", "--no-cache", dir.toString()).await(Duration.ofMinutes(2));

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains("exit code: 7"), result.err());
        assertEquals(before, HostLeftovers.capture(root));
    }

    private static String field(String output, String name) {
        Matcher matcher = Pattern.compile("(?m) " + name + "=(\\S*)$").matcher(output);
        assertTrue(matcher.find(), name + " not in " + output);
        return matcher.group(1);
    }

    static void awaitOutput(JbuildProcess process, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!process.stderrSoFar().contains(text)) {
            assertTrue(process.isAlive(), "jbuild ended before printing " + text + ": " + process.stderrSoFar());
            assertTrue(System.nanoTime() < deadline, "no " + text + " within 2 minutes: " + process.stderrSoFar());
            Thread.sleep(50);
        }
    }
}
