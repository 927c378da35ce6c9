package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildSummary;
import dev.jbuild.builder.StepId;
import dev.jbuild.executor.OutputListener;
import dev.jbuild.imagespec.Digest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderers on a scripted event sequence. */
class ProgressRenderersTest {
    private static final StepId STEP = new StepId(2, "builder", 2, 3, "RUN make", null);
    private static final BuildSummary SUMMARY = new BuildSummary(Digest.of("config"), List.of("app:1"), 3,
            2_140_000, List.of(new BuildSummary.StepTiming(STEP, Duration.ofMillis(1300), false)), Duration.ofSeconds(2));

    private static String render(java.util.function.Function<PrintStream, dev.jbuild.builder.BuildListener> factory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        dev.jbuild.builder.BuildListener listener = factory.apply(out);
        listener.on(new BuildEvent.StepStarted(STEP));
        listener.on(new BuildEvent.StepOutput(STEP, OutputListener.Stream.STDOUT, "cc -o app app.c"));
        listener.on(new BuildEvent.StepFinished(STEP, Duration.ofMillis(1300)));
        listener.on(new BuildEvent.BuildFinished(SUMMARY));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainIsBuildKitsPlainLog() {
        String[] lines = render(PlainProgress::new).split("\n");
        assertEquals("#2 [builder 2/3] RUN make", lines[0]);
        assertTrue(lines[1].matches("#2 0\\.\\d{3} cc -o app app\\.c"), lines[1]);
        assertEquals("#2 DONE 1.3s", lines[2]);
        assertEquals("writing image " + Digest.of("config").value() + " done", lines[3]);
        assertEquals("naming to docker.io/library/app:1 done", lines[4]);
        assertEquals("Built " + Digest.of("config").shortId() + ": 3 layers, 2.14MB, in 2.0s", lines[5]);
        assertEquals("     1.3s  [builder 2/3] RUN make", lines[6]);
    }

    @Test
    void warningsArePrintedWhenTheyHappenAndListedAtTheEnd() {
        StepId copy = new StepId(3, "", 2, 2, "COPY --chmod=644 c /srv/app/c",
                new dev.jbuild.parser.syntax.SourceRange("Dockerfile", 2, 1, 2));
        BuildEvent.StepWarning warning = new BuildEvent.StepWarning(copy, "--chmod=644 makes the directory /srv/app "
                + "(created or copied by this step) readable but not searchable");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainProgress plain = new PlainProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        plain.on(warning);
        plain.on(new BuildEvent.BuildFinished(new BuildSummary(Digest.of("config"), List.of(), 2, 30, List.of(),
                Duration.ofSeconds(1), List.of(warning))));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("#3 WARN: " + warning.message(), lines[0]);
        assertEquals(" 1 warning found:", lines[lines.length - 2]);
        assertEquals(" - Dockerfile:2: " + warning.message(), lines[lines.length - 1]);
    }

    @Test
    void jsonIsOneObjectPerEvent() {
        String[] lines = render(JsonProgress::new).split("\n");
        assertEquals(4, lines.length);
        assertEquals("{\"event\":\"step-output\",\"step\":2,\"stage\":\"builder\",\"position\":2,\"total\":3,"
                + "\"instruction\":\"RUN make\",\"stream\":\"stdout\",\"line\":\"cc -o app app.c\"}", lines[1]);
        assertTrue(lines[3].startsWith("{\"event\":\"build-finished\",\"id\":\"sha256:"), lines[3]);
    }

    private static String tty(int columns, boolean colour) {
        return render(out -> {
            TtyProgress tty = new TtyProgress(out, () -> new TerminalSize(columns, 24), colour);
            tty.on(new BuildEvent.BuildPlanned(5));
            try {
                Thread.sleep(250); // at least one timed redraw while nothing has happened
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return tty;
        });
    }

    @Test
    void ttyRedrawsInPlaceAndEndsWithTheSummary() {
        String text = tty(60, false);
        assertTrue(text.contains("\033[2K[+] Building 0.1s (0/5)\n") || text.contains("\033[2K[+] Building 0.2s (0/5)\n"),
                "the total is known from the start: " + text);
        assertTrue(text.contains("\r\033[1A"), "the next frame is drawn over the first: " + text);
        assertTrue(text.contains("\033[2K => [builder 2/3] RUN make                             1.3s\n"),
                "the timer at the right edge, the line one cell short of the width: " + text);
        assertTrue(text.contains("Built " + Digest.of("config").shortId()), text);
        assertFalse(text.contains("\033[34m"), "no colour when asked for none");
        assertTrue(text.endsWith("\033[?25h" + ("writing image " + Digest.of("config").value()).substring(0, 59)
                + "\n" + "naming to docker.io/library/app:1 done\n"
                + "Built " + Digest.of("config").shortId() + ": 3 layers, 2.14MB, in 2.0s\n"
                + "     1.3s  [builder 2/3] RUN make\n"), text);
    }

    @Test
    void ttyColoursFinishedStepsAsBuildkitDoes() {
        String text = tty(60, true);
        assertTrue(text.contains("\033[34m => [builder 2/3] RUN make"), "a finished step is blue: " + text);
    }

    @Test
    void ttyCutsEveryLineToTheWidth() {
        StepId longStep = new StepId(3, "", 1, 1, "RUN apt-get install -y " + "package ".repeat(40), null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TtyProgress tty = new TtyProgress(out, () -> new TerminalSize(40, 24), false);
        tty.on(new BuildEvent.StepStarted(longStep));
        tty.on(new BuildEvent.StepOutput(longStep, OutputListener.Stream.STDOUT, "\tunpacking " + "x".repeat(100)));
        tty.on(new BuildEvent.StepOutput(longStep, OutputListener.Stream.STDOUT, "50%\r100% \033[1mdone\033[0m"));
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tty.close();
        for (String frameLine : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            String visible = frameLine.replaceAll("\033\\[[0-9;?]*[A-Za-z]|\r", "");
            assertTrue(visible.length() <= 39, "at most the width less one: [" + visible + "]");
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(" => => #         unpacking xxxxxxxxxxxx\n"),
                "tabs expanded, cut to the width");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(" => => # 100% done\n"),
                "what a carriage return overwrote and escape sequences are gone");
    }
}
