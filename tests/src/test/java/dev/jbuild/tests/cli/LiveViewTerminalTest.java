package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jbuild.tests.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --progress tty} in a real terminal: the packaged jar builds a multi-stage Dockerfile with RUN
 * lines and output far wider than the window, inside tmux, and the screen is read back with
 * {@code capture-pane} (wrapped rows joined, so a line that did not fit shows as one long line) while
 * the build runs, after a resize, and at the end.
 */
class LiveViewTerminalTest {
    private static final String LONG = "x".repeat(150);
    private static final String DOCKERFILE = String.join("\n",
            "FROM busybox AS base",
            "RUN echo \"a RUN line much wider than any terminal: " + LONG + "\" && for i in 1 2 3 4 5 6 7 8 9 10; do "
                    + "echo \"output line $i, with a tab\there and more: " + LONG + "\"; sleep 0.4; done",
            "FROM base",
            "RUN echo second stage && sleep 1.5",
            "");
    private static final Pattern HEADER = Pattern.compile("\\[\\+] Building \\d+\\.\\d+s \\(\\d+/3\\)( FINISHED)?");

    @TempDir
    Path dir;
    private String socket;

    @BeforeEach
    void requireTools() {
        RequiredTools.require("tmux", "a real terminal for the live view");
        RequiredTools.require("runc", "the RUN steps' sandbox");
        socket = "jbuild-live-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void stopTmux() throws Exception {
        run("tmux", "-L", socket, "kill-server");
    }

    @Test
    void at80ColumnsNothingIsWiderThanThePaneAndNothingStaysBehind() throws Exception {
        List<String> coloured = liveBuild(80, 60, false);
        assertTrue(coloured.stream().anyMatch(l -> l.startsWith("\033[34m => [base 1/2] FROM busybox")),
                "a finished step is blue, as BuildKit draws it: " + coloured);
    }

    @Test
    void at200ColumnsNothingIsWiderThanThePaneAndNothingStaysBehind() throws Exception {
        List<String> plain = liveBuild(200, 120, true);
        assertTrue(plain.stream().noneMatch(l -> l.contains("\033[3")), "NO_COLOR: no colour: " + plain);
    }

    /**
     * Builds in a {@code columns} wide pane, shrinks it to {@code narrower} while the first RUN runs, widens
     * it back, and checks the screen at each point.
     *
     * @return the final screen with its escape sequences, to look at colours
     */
    private List<String> liveBuild(int columns, int narrower, boolean noColor) throws Exception {
        Path store = dir.resolve("store");
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        jbuild(store, "import", busyboxRoot().toString(), "busybox:latest");
        Path script = dir.resolve("build.sh");
        Files.writeString(script, "#!/bin/sh\n" + (noColor ? "export NO_COLOR=1\n" : "") + java() + " -jar " + jar()
                + " --root " + store
                + " build --progress tty -t live " + context + "\necho \"EXIT $?\"\nexec sleep 600\n");
        script.toFile().setExecutable(true);
        run("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", Integer.toString(columns), "-y", "30",
                "-s", "live", script.toString());

        List<String> screen = awaitScreen(s -> s.stream().anyMatch(l -> l.contains("output line 2,")), columns);
        assertLiveFrame(screen, columns);
        List<String> history = capture(true);
        assertEquals(1, history.stream().filter(l -> l.startsWith("[+] Building")).count(),
                "every frame so far was drawn over the one before: " + history);

        // Narrower: the terminal wraps the frame's long lines, and may push its top rows into its history;
        // the next frames are drawn clean at the new width. Then back to the first width.
        run("tmux", "-L", socket, "resize-window", "-t", "live", "-x", Integer.toString(narrower));
        Thread.sleep(700);
        assertLiveFrame(capture(false), narrower);
        run("tmux", "-L", socket, "resize-window", "-t", "live", "-x", Integer.toString(columns));
        awaitScreen(s -> s.stream().anyMatch(l -> l.startsWith("EXIT ")), columns);

        List<String> all = capture(false).stream().filter(l -> !l.isBlank()).toList();
        int header = all.indexOf(all.stream().filter(l -> l.startsWith("[+] Building")).reduce((a, b) -> b).orElse(""));
        for (String line : all.subList(0, Math.max(header, 0))) {
            assertTrue(line.startsWith(" => ") || line.startsWith("[+] Building"),
                    "above the final frame, only what the terminal kept of an earlier one: " + all);
        }
        all = all.subList(Math.max(header, 0), all.size());
        assertEquals("EXIT 0", all.get(all.size() - 1), String.join("\n", all));
        for (String line : all) {
            assertTrue(line.length() <= columns, "wider than the pane: " + line);
        }
        List<String> expected = List.of("\\[\\+] Building \\d+\\.\\d+s \\(3/3\\) FINISHED",
                " => \\[base 1/2\\] FROM busybox AS base +\\d+\\.\\ds",
                " => \\[base 2/2\\] RUN echo \"a RUN line much wider .* \\d+\\.\\ds",
                " => \\[stage-1 1/1\\] RUN echo second stage && sleep 1.5 +\\d+\\.\\ds",
                "writing image sha256:[0-9a-f]{" + Math.min(64, columns - 1 - 21) + "}.*",
                "naming to docker.io/library/live:latest done",
                "Built [0-9a-f]{12}: 3 layers, [0-9.]+MB, in \\d+\\.\\ds",
                " +\\d+\\.\\ds  \\[base 1/2\\] FROM busybox AS base",
                " +\\d+\\.\\ds  \\[base 2/2\\] RUN echo \"a RUN line much wider .*",
                " +\\d+\\.\\ds  \\[stage-1 1/1\\] RUN echo second stage && sleep 1.5",
                "EXIT 0");
        assertEquals(expected.size(), all.size(), "the final frame, the summary, nothing else: " + String.join("\n", all));
        assertEquals(1, all.stream().filter(l -> l.startsWith("[+] Building")).count(), "one header: " + all);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(all.get(i).matches(expected.get(i)), "line " + i + ": " + all.get(i));
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals(columns - 1, all.get(i).length(), "a step line reaches the right edge less one: " + all.get(i));
        }
        return List.of(run("tmux", "-L", socket, "capture-pane", "-p", "-e", "-t", "live").split("\n"));
    }

    /** While the build runs: a header, step lines and output lines, none wider than the pane, nothing else. */
    private static void assertLiveFrame(List<String> screen, int columns) {
        List<String> shown = screen.stream().filter(l -> !l.isBlank()).toList();
        assertTrue(HEADER.matcher(shown.get(0)).matches(), "the header first: " + shown);
        assertEquals(1, shown.stream().filter(l -> l.startsWith("[+] Building")).count(), "one header: " + shown);
        for (String line : shown.subList(1, shown.size())) {
            assertTrue(line.startsWith(" => "), "a step or output line, not a fragment: [" + line + "] in " + shown);
            assertTrue(line.length() <= columns - 1, "cut to the pane less one: [" + line + "]");
        }
        assertTrue(shown.stream().anyMatch(l -> l.startsWith(" => => # output line ") && l.contains("with a tab       here")),
                "output shown, tabs expanded: " + shown);
    }

    private List<String> awaitScreen(java.util.function.Predicate<List<String>> ready, int columns) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> screen = capture(false);
            for (String line : screen) {
                assertTrue(line.length() <= columns, "wider than the pane: " + line);
            }
            if (ready.test(screen)) {
                return screen;
            }
            Thread.sleep(100);
        }
        fail("the terminal never showed what was awaited:\n" + String.join("\n", capture(true)));
        return List.of();
    }

    /** The pane as text, wrapped rows joined into the line they were written as; with its history when asked. */
    private List<String> capture(boolean history) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "capture-pane", "-p", "-J", "-t", "live"));
        if (history) {
            command.addAll(List.of("-S", "-"));
        }
        return List.of(run(command.toArray(String[]::new)).split("\n", -1));
    }

    private void jbuild(Path store, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString(), "--root", store.toString()));
        command.addAll(List.of(args));
        String out = run(command.toArray(String[]::new));
        assertFalse(out.contains("Exception"), out);
    }

    /** busybox-static with its applets as symlinks, and passwd. */
    private Path busyboxRoot() throws Exception {
        Path root = dir.resolve("busybox");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path busybox = Files.isExecutable(Path.of("/bin/busybox")) ? Path.of("/bin/busybox") : Path.of("/usr/bin/busybox");
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : run(bin.resolve("busybox").toString(), "--list").split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
        }
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        return root;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("jbuild.projectRoot", "..")).resolve("cli/target/jbuild.jar")
                .toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), "the fat jar is built before the tests module: " + jar);
        return jar;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
