package dev.jbuild.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real command line run in this JVM against one store root, with no input and its output captured. */
public final class InProcessCli {
    private InProcessCli() {
    }

    public record Result(int exit, String out, String err) {
    }

    public static Result run(Path root, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(List.of(args));
        int exit = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(all.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@link #run}, which must succeed: a failure shows the command and what it printed on stderr. */
    public static Result ok(Path root, String... args) {
        Result result = run(root, args);
        assertEquals(0, result.exit(), () -> String.join(" ", args) + "\n" + result.err());
        return result;
    }
}
