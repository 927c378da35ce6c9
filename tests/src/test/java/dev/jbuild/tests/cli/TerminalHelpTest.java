package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Help in a real terminal (tmux): in colour, unless NO_COLOR is set. */
class TerminalHelpTest {
    /** A tmux server of this test's own: nothing another process does to the default one reaches it. */
    private static final String SOCKET = "jbuild-help-" + UUID.randomUUID().toString().substring(0, 8);

    @org.junit.jupiter.api.AfterAll
    static void stopServer() throws IOException, InterruptedException {
        tmux("kill-server");
    }

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tmux", "-L", SOCKET, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    /** The screen, escape sequences included, once the help is on it. */
    private static String helpOnScreen(String environment) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("jbuild.projectRoot", "..")).resolve("cli/target/jbuild.jar").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String session = "jbuild-help-" + UUID.randomUUID().toString().substring(0, 8);
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "60",
                "env " + environment + " TERM=xterm-256color '" + java + "' -jar '" + jar + "' images --help; sleep 30");
        try {
            for (int i = 0; i < 600; i++) { // up to a minute: a loaded machine starts a JVM slowly
                String screen = tmux("capture-pane", "-p", "-e", "-t", session);
                if (screen.contains("Show this help message")) {
                    return screen;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no help on the screen:\n" + tmux("capture-pane", "-p", "-t", session));
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    @Test
    void helpIsInColourOnATerminalAndPlainWithNoColor() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/tmux"));
        if (!present && System.getenv("CI") == null) {
            System.err.println("NOTICE: TerminalHelpTest skipped: tmux is not installed");
        }
        assumeTrue(present || System.getenv("CI") != null, "tmux is not installed");
        assertTrue(helpOnScreen("-u NO_COLOR").contains("\u001b["), "escape sequences on a terminal");
        assertFalse(helpOnScreen("NO_COLOR=1").contains("\u001b["), "none with NO_COLOR");
    }
}
