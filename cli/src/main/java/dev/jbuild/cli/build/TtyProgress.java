package dev.jbuild.cli.build;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code --progress tty}: BuildKit's live view, redrawn in place ten times a second: a header with the
 * build's timer, one line per step with its own timer (or CACHED/DONE/ERROR), and the last few output
 * lines of the steps that are running.
 */
public final class TtyProgress implements BuildListener, AutoCloseable {
    private static final int OUTPUT_LINES = 6;

    private final PrintStream out;
    private final long start = System.nanoTime();
    private final Map<Integer, Row> rows = new LinkedHashMap<>();
    private final ScheduledExecutorService timer;
    private int drawnLines;
    private boolean closed;

    private static final class Row {
        final String label;
        final long started = System.nanoTime();
        String state = "";
        String cacheMiss;
        double seconds = -1;
        final List<String> tail = new ArrayList<>();

        Row(String label) {
            this.label = label;
        }
    }

    public TtyProgress(PrintStream out) {
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "jbuild-tty");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::redraw, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void on(BuildEvent event) {
        if (event instanceof BuildEvent.StepStarted s) {
            rows.put(s.step().number(), new Row(s.step().label()));
        } else if (event instanceof BuildEvent.StepOutput o) {
            Row row = rows.get(o.step().number());
            if (row != null) {
                row.tail.add(o.line());
                if (row.tail.size() > OUTPUT_LINES) {
                    row.tail.remove(0);
                }
            }
        } else if (event instanceof BuildEvent.StepCacheMiss m) {
            Row row = rows.get(m.step().number());
            if (row != null) {
                row.cacheMiss = m.reason();
            }
        } else if (event instanceof BuildEvent.StepCached c) {
            finish(c.step().number(), "CACHED", 0);
        } else if (event instanceof BuildEvent.StepFinished f) {
            finish(f.step().number(), "DONE", f.elapsed().toNanos() / 1e9);
        } else if (event instanceof BuildEvent.StepFailed f) {
            finish(f.step().number(), "ERROR", f.elapsed().toNanos() / 1e9);
        } else if (event instanceof BuildEvent.StepCancelled c) {
            finish(c.step().number(), "CANCELED", 0);
        } else if (event instanceof BuildEvent.BuildFinished f) {
            stop();
            Summaries.print(out, f.summary());
        }
    }

    private void finish(int number, String state, double seconds) {
        Row row = rows.get(number);
        if (row != null) {
            row.state = state;
            row.seconds = seconds;
            row.tail.clear();
        }
    }

    private synchronized void redraw() {
        if (closed) {
            return;
        }
        StringBuilder frame = new StringBuilder();
        if (drawnLines > 0) {
            frame.append("\033[").append(drawnLines).append('F');
        }
        List<String> lines = new ArrayList<>();
        long done = rows.values().stream().filter(r -> !r.state.isEmpty()).count();
        lines.add(String.format(Locale.ROOT, "[+] Building %.1fs (%d/%d)", (System.nanoTime() - start) / 1e9, done,
                rows.size()));
        for (Row row : rows.values()) {
            if (row.state.isEmpty()) {
                lines.add(String.format(Locale.ROOT, " => %s %.1fs", row.label, (System.nanoTime() - row.started) / 1e9));
                if (row.cacheMiss != null) {
                    lines.add(" => => cache miss: " + row.cacheMiss);
                }
                row.tail.forEach(line -> lines.add(" => => " + line));
            } else if (row.state.equals("CACHED")) {
                lines.add(" => CACHED " + row.label);
            } else {
                lines.add(String.format(Locale.ROOT, " => %s%s %.1fs", row.state.equals("DONE") ? "" : row.state + " ",
                        row.label, row.seconds));
                if (row.cacheMiss != null) {
                    lines.add(" => => cache miss: " + row.cacheMiss);
                }
            }
        }
        for (String line : lines) {
            frame.append("\033[2K").append(line).append('\n');
        }
        for (int i = lines.size(); i < drawnLines; i++) {
            frame.append("\033[2K\n");
        }
        drawnLines = Math.max(lines.size(), drawnLines);
        out.print(frame);
        out.flush();
    }

    private synchronized void stop() {
        if (!closed) {
            redraw();
            closed = true;
            timer.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
