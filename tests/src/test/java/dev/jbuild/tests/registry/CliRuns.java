package dev.jbuild.tests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The CLI run in-process with an environment of a test's own (HOME, Docker's config, no registry settings). */
final class CliRuns {
    record Run(int exit, String out, String err) {
    }

    private final Map<String, String> env;

    CliRuns(Path scratch) {
        env = new HashMap<>(System.getenv());
        env.put("HOME", scratch.toString());
        env.put("DOCKER_CONFIG", scratch.resolve("docker").toString());
        env.put("JBUILD_REGISTRY_CONFIG", scratch.resolve("no-settings.json").toString());
        env.remove("JBUILD_ROOT");
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and asserts exit 0, showing what was printed otherwise. */
    Run ok(String... args) {
        Run run = run(args);
        assertEquals(0, run.exit(), String.join(" ", args) + "\n" + run.out() + run.err());
        return run;
    }
}
