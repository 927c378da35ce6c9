package dev.jbuild.cli.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.executor.ExecutorInfo;
import dev.jbuild.executor.OciRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
    private static final ExecutorInfo INFO = new ExecutorInfo("overlay", "detected: overlay mount probe succeeded on ext4",
            new OciRuntime(Path.of("/usr/sbin/runc"), "runc", "runc version 1.1.5"),
            "probe container ran; skipped /usr/bin/crun: cgroups in hybrid mode not supported",
            "slirp4netns", "probe namespace connected", "6.1.0", "amd64", List.of(new ExecutorInfo.Feature("seccomp", true, "Docker's default profile"),
                    new ExecutorInfo.Feature("user namespaces", false, "not used")));

    @Test
    void textNamesDriverRuntimeAndWhyEachFeatureIsOnOrOff() {
        assertEquals(String.join("\n",
                "Storage driver: overlay (detected: overlay mount probe succeeded on ext4)",
                "Runtime:        /usr/sbin/runc, runc version 1.1.5 (probe container ran; skipped /usr/bin/crun: "
                        + "cgroups in hybrid mode not supported)",
                "Network:        slirp4netns (probe namespace connected)",
                "Kernel:         6.1.0 (amd64)",
                "Features:",
                "  seccomp                                on   Docker's default profile",
                "  user namespaces                        off  not used",
                ""), InfoCommand.text(INFO));
    }

    @Test
    void textSaysNoneWithTheReasonWhenNothingWorks() {
        ExecutorInfo none = new ExecutorInfo(null, "overlay was requested but cannot be used", null,
                "no working OCI runtime: ...; install one: apt-get install -y runc", null,
                "no network for RUN steps: slirp4netns: not installed", "6.1.0", "amd64", List.of());

        assertEquals(List.of("Storage driver: none (overlay was requested but cannot be used)",
                "Runtime:        none (no working OCI runtime: ...; install one: apt-get install -y runc)"),
                InfoCommand.text(none).lines().limit(2).toList());
        assertEquals("Network:        none (no network for RUN steps: slirp4netns: not installed)",
                InfoCommand.text(none).lines().skip(2).findFirst().orElseThrow());
    }

    @Test
    void jsonHasOneObjectPerSection() throws Exception {
        String json = InfoCommand.json(INFO);

        assertEquals("{\"storage\":{\"driver\":\"overlay\",\"reason\":\"detected: overlay mount probe succeeded on ext4\"},"
                + "\"runtime\":{\"path\":\"/usr/sbin/runc\",\"name\":\"runc\",\"version\":\"runc version 1.1.5\","
                + "\"reason\":\"probe container ran; skipped /usr/bin/crun: cgroups in hybrid mode not supported\"},"
                + "\"network\":{\"provider\":\"slirp4netns\",\"reason\":\"probe namespace connected\"},"
                + "\"kernel\":\"6.1.0\",\"architecture\":\"amd64\",\"features\":[{\"name\":\"seccomp\",\"on\":true,"
                + "\"detail\":\"Docker's default profile\"},{\"name\":\"user namespaces\",\"on\":false,\"detail\":\"not used\"}]}",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).toString());
    }
}
