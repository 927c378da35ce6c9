package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.tests.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jbuild next to a real Docker engine: {@code build --load} hands the image to it, and
 * {@code jbuild inspect -f} prints what {@code docker inspect -f} prints for that same image. Skipped,
 * with a notice, when no engine answers ({@code docker info} fails) outside CI; start dockerd by hand to
 * run it ({@code .ci/run} starts one).
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

    /** Skips, with a notice, when no engine answers; in CI (where .ci/run starts dockerd) it must run. */
    private static void requireEngine() {
        RequiredTools.requireThat(engineAnswers(), "no Docker engine answers ('" + docker() + " info' failed; "
                + "start dockerd by hand to run this test)");
    }

    /** The environment of a run, with PATH and Docker's variables set for it (null removes one). */
    private static Map<String, String> env(String path, String... dockerVariables) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("DOCKER_"));
        env.put("PATH", path);
        for (int i = 0; i < dockerVariables.length; i += 2) {
            env.put(dockerVariables[i], dockerVariables[i + 1]);
        }
        return env;
    }

    private static String tag(String what) {
        return "jbuild-" + what + "-test-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
    }

    private static void removeFromEngine(String tag) throws InterruptedException {
        try {
            run(docker(), "rmi", "-f", tag);
        } catch (IOException e) {
            // not loaded: nothing to remove
        }
    }

    /**
     * Through the Engine API: there is no docker CLI on the PATH of this run, so only the API can have
     * put the image into the engine.
     */
    @Test
    void loadHandsTheImageToTheEngineAndInspectFormatPrintsWhatDockerPrints() throws Exception {
        requireEngine();
        String tag = tag("load");
        String root = dir.resolve("store").toString();
        try {
            CliRun build = CliRun.withInput("", env(""), "--root", root, "build", "--progress", "quiet", "--load",
                    "-t", tag, context().toString());
            assertEquals(0, build.exitCode(), build.err());
            assertTrue(build.err().contains("Loaded image: " + tag), "the engine's own words: " + build.err());
            String id = build.out().trim();
            assertEquals(id, run(docker(), "image", "inspect", "-f", "{{.Id}}", tag).trim(),
                    "the engine holds the image under the same ID");
            for (String template : TEMPLATES) {
                String ours = CliRun.run("--root", root, "inspect", "-f", template, tag).out();
                String theirs = run(docker(), "image", "inspect", "-f", template, tag);
                assertEquals(theirs, ours, template);
            }
        } finally {
            removeFromEngine(tag);
        }
    }

    /**
     * A Docker context other than the default is the CLI's to resolve (it may name an ssh:// or TLS
     * engine): the load goes through the CLI, and without one it says so.
     */
    @Test
    void aDockerContextSendsTheLoadThroughTheCli() throws Exception {
        requireEngine();
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        String context = "jbuild-test-" + UUID.randomUUID().toString().substring(0, 8);
        run(docker(), "--config", config.toString(), "context", "create", context, "--docker",
                "host=unix:///var/run/docker.sock");
        Files.writeString(config.resolve("config.json"), "{\"currentContext\": \"" + context + "\"}");
        String root = dir.resolve("store").toString();
        String tag = tag("context");
        try {
            CliRun withoutCli = CliRun.withInput("", env("", "DOCKER_CONFIG", config.toString()), "--root", root,
                    "build", "--progress", "quiet", "--load", "-t", tag, context().toString());
            assertEquals(1, withoutCli.exitCode());
            assertEquals("jbuild: --load: the Docker context \"" + context + "\" is reached through the docker CLI, "
                    + "and there is no docker on PATH; the image stays in jbuild's store (save it with "
                    + "-o type=docker,dest=FILE, or start a Docker engine)\n", withoutCli.err());

            String cliDir = Path.of(docker()).getParent().toString();
            CliRun withCli = CliRun.withInput("", env(cliDir, "DOCKER_CONFIG", config.toString()), "--root", root,
                    "build", "--progress", "quiet", "--load", "-t", tag, context().toString());
            assertEquals(0, withCli.exitCode(), withCli.err());
            assertEquals(withCli.out().trim(), run(docker(), "image", "inspect", "-f", "{{.Id}}", tag).trim());
        } finally {
            removeFromEngine(tag);
        }
    }

    @Test
    void loadWithoutAnEngineIsOneLineAndKeepsTheImage() throws Exception {
        String root = dir.resolve("store").toString();
        String socket = "unix://" + dir.resolve("no-engine.sock");
        CliRun build = CliRun.withInput("", env("", "DOCKER_HOST", socket), "--root", root, "build", "--progress",
                "quiet", "--load", "-t", "kept:1", context().toString());
        assertEquals(1, build.exitCode());
        assertEquals("jbuild: --load: no Docker engine answers at " + socket + ", and there is no docker CLI on PATH; "
                + "the image stays in jbuild's store (save it with -o type=docker,dest=FILE, or start a Docker "
                + "engine)\n", build.err());
        assertEquals("kept:1\n", CliRun.run("--root", root, "images", "--format", "{{.Repository}}:{{.Tag}}").out(),
                "the image stays in jbuild's store");
    }

    /** The socket does not answer, the CLI is there (and cannot reach an engine either): its words end the line. */
    @Test
    void aSocketThatDoesNotAnswerFallsBackToTheCli() throws Exception {
        RequiredTools.require("docker", "the docker CLI the load falls back to");
        String socket = "unix://" + dir.resolve("no-engine.sock");
        CliRun build = CliRun.withInput("", env(System.getenv("PATH"), "DOCKER_HOST", socket), "--root",
                dir.resolve("store").toString(), "build", "--progress", "quiet", "--load", "-t", "kept:1",
                context().toString());
        assertEquals(1, build.exitCode());
        List<String> lines = build.err().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("jbuild: --load: '\\S+/docker load' exited 1: .*no-engine[.]sock.*"), last);
    }
}
