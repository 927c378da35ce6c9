package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jbuild next to a real Docker engine: {@code build --load} hands the image to it, and
 * {@code jbuild inspect -f} prints what {@code docker inspect -f} prints for that same image. Skipped,
 * with a notice, when no engine answers ({@code docker info} fails); start dockerd by hand to run it.
 */
class DockerEngineTest {
    /** Templates Docker scripts use, each compared with the engine's output for the same image. */
    private static final List<String> TEMPLATES = List.of("{{.Id}}", "{{.Config.Env}}", "{{index .Config.Labels \"k\"}}",
            "{{index .Config.Labels \"absent\"}}", "{{json .Config.Env}}", "{{json .Config.Labels}}",
            "{{range .RepoTags}}{{.}} {{end}}", "{{if .Config.Cmd}}cmd{{else}}none{{end}}", "{{upper .Os}}",
            "{{join .Config.Cmd \",\"}}", "{{println .Architecture}}", "{{.Config.Entrypoint}}",
            "{{len .RootFS.Layers}}", "{{.Config.WorkingDir}}", "{{.RootFS.Type}}");

    @TempDir
    Path dir;

    private static String docker() {
        return Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static boolean engineAnswers() {
        try {
            run(docker(), "info");
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private Path context() throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("hello.txt"), "hello\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n"
                + "ENV A=1 B=\"two words\"\nLABEL k=v other=\"<x&y>\"\nWORKDIR /work\nCMD [\"/hello\", \"x\"]\n");
        return context;
    }

    @Test
    void loadHandsTheImageToTheEngineAndInspectFormatPrintsWhatDockerPrints() throws Exception {
        boolean answers = engineAnswers();
        if (!answers) {
            System.err.println("NOTICE: DockerEngineTest skipped: no Docker engine answers ('" + docker() + " info' failed)");
        }
        assumeTrue(answers || System.getenv("CI") != null, "no Docker engine answers");
        String tag = "jbuild-load-test-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Map<String, String> env = new HashMap<>(System.getenv());
        String root = dir.resolve("store").toString();
        try {
            CliRun build = CliRun.withInput("", env, "--root", root, "build", "--progress", "quiet", "--load", "-t", tag,
                    context().toString());
            assertEquals(0, build.exitCode(), build.err());
            String id = build.out().trim();
            assertEquals(id, run(docker(), "image", "inspect", "-f", "{{.Id}}", tag).trim(),
                    "the engine holds the image under the same ID");
            for (String template : TEMPLATES) {
                String ours = CliRun.run("--root", root, "inspect", "-f", template, tag).out();
                String theirs = run(docker(), "image", "inspect", "-f", template, tag);
                assertEquals(theirs, ours, template);
            }
        } finally {
            try {
                run(docker(), "rmi", "-f", tag);
            } catch (IOException e) {
                // not loaded: nothing to remove
            }
        }
    }

    @Test
    void loadWithoutAnEngineIsOneLineAndKeepsTheImage() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
        String root = dir.resolve("store").toString();
        CliRun build = CliRun.withInput("", env, "--root", root, "build", "--progress", "quiet", "--load", "-t",
                "kept:1", context().toString());
        assertEquals(1, build.exitCode());
        List<String> lines = new ArrayList<>(build.err().lines().toList());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("jbuild: --load"), build.err());
        assertEquals("kept:1\n", CliRun.run("--root", root, "images", "--format", "{{.Repository}}:{{.Tag}}").out(),
                "the image stays in jbuild's store");
    }
}
