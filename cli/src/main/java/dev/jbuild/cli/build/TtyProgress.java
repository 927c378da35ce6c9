package dev.jbuild.cli.build;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildListener;
import dev.jbuild.cli.Terminals;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code --progress tty}: BuildKit's live view, redrawn in place ten times a second: a header with the
 * build's timer and its finished and total steps (the total known from the start), one line per step
 * with its own timer on the right (CACHED, ERROR and CANCELED named as BuildKit names them), and the
 * last output lines of the steps that are running.
 *
 * <p>Every line is cut to the terminal's width, asked of the terminal at each redraw so that a resize
 * is followed; the frame is drawn over the previous one (cursor up, each row erased whole before its
 * line is written, the rest of the screen erased below) and kept within the terminal's height, so nothing stacks up or stays
 * behind. When the window gets narrower, the terminal wraps the previous frame's long lines into
 * several rows; the frame is redrawn from the first of them. Colours are BuildKit's: finished steps
 * blue, cancelled yellow, failed red, output faint; none with {@code NO_COLOR} or when stderr is not
 * a terminal.
 */
public final class TtyProgress implements BuildListener, AutoCloseable {
    private static final int OUTPUT_LINES = 6;
    private static final String PREFIX = " => ";
    private static final String OUTPUT_PREFIX = " => => # ";
    private static final String BLUE = "\033[34m";
    private static final String YELLOW = "\033[33m";
    private static final String RED = "\033[31m";
    private static final String FAINT = "\033[2m";
    private static final String RESET = "\033[0m";
    private static final String HIDE_CURSOR = "\033[?25l";
    private static final String SHOW_CURSOR = "\033[?25h";

    private final PrintStream out;
    private final Supplier<TerminalSize> terminal;
    private final boolean colour;
    private final long start = System.nanoTime();
    private final Map<Integer, Row> rows = new LinkedHashMap<>();
    private final ScheduledExecutorService timer;
    private int plannedSteps;
    /** The frame on the screen, as drawn (no colour codes); each line took one row when it was drawn. */
    private List<String> onScreen = List.of();
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

        boolean finished() {
            return !state.isEmpty();
        }
    }

    /** One line of a frame and its colour (null for the terminal's own). */
    private record Line(String text, String colour) {}

    /**
     * @param terminal the terminal's current size, asked before each redraw
     * @param colour whether to colour lines as BuildKit does
     */
    public TtyProgress(PrintStream out, Supplier<TerminalSize> terminal, boolean colour) {
        this.out = out;
        this.terminal = terminal;
        this.colour = colour;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "jbuild-tty");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::redraw, 100, 100, TimeUnit.MILLISECONDS);
    }

    /**
     * The live view on the process's stderr: its terminal's size, colours unless {@code NO_COLOR} is set
     * (to anything but "") or stderr is not a terminal.
     */
    public static TtyProgress forStderr(PrintStream err, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        boolean colour = err == System.err && Terminals.isTerminal(2) && (noColor == null || noColor.isEmpty());
        return new TtyProgress(err, () -> TerminalSize.of(2, env), colour);
    }

    @Override
    public synchronized void on(BuildEvent event) {
        if (event instanceof BuildEvent.BuildPlanned p) {
            plannedSteps = p.steps();
        } else if (event instanceof BuildEvent.StepStarted s) {
            rows.put(s.step().number(), new Row(s.step().label()));
        } else if (event instanceof BuildEvent.StepOutput o) {
            Row row = rows.get(o.step().number());
            if (row != null) {
                row.tail.add(TerminalText.clean(o.line()));
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
            Row row = rows.get(c.step().number());
            finish(c.step().number(), "CANCELED", row == null ? 0 : (System.nanoTime() - row.started) / 1e9);
        } else if (event instanceof BuildEvent.BuildFinished f) {
            stop();
            Summaries.print(out, f.summary(), Math.max(terminal.get().columns() - 1, 1));
            out.flush();
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
        if (!closed) {
            draw(false);
        }
    }

    /** Draws the frame over the one on the screen; the last frame shows every step, whatever the height. */
    private void draw(boolean last) {
        TerminalSize size = terminal.get();
        // One cell short of the width: a line that reaches the last column leaves the terminal waiting to
        // wrap, which some terminals then do at the next character.
        int width = Math.max(size.columns() - 1, 1);
        List<Line> frame = frame(width, last ? Integer.MAX_VALUE : Math.max(size.rows() - 1, 1), last);
        StringBuilder text = new StringBuilder();
        int up = rowsTaken(onScreen, size.columns());
        if (up > 0) {
            text.append('\r').append("\033[").append(up).append('A');
        } else {
            text.append(HIDE_CURSOR);
        }
        List<String> drawn = new ArrayList<>(frame.size());
        for (Line line : frame) {
            // The whole row erased first: that also forgets that the terminal wrapped a longer line there,
            // which it would otherwise join to the next row again when the window widens.
            boolean coloured = colour && line.colour() != null;
            text.append("\033[2K").append(coloured ? line.colour() : "").append(line.text())
                    .append(coloured ? RESET : "").append('\n');
            drawn.add(line.text());
        }
        text.append("\033[J");
        if (last) {
            text.append(SHOW_CURSOR);
        }
        onScreen = drawn;
        out.print(text);
        out.flush();
    }

    /** The rows the frame on the screen takes now: a line wider than the window was wrapped onto several. */
    private static int rowsTaken(List<String> lines, int columns) {
        int taken = 0;
        for (String line : lines) {
            taken += Math.max(1, (TerminalText.width(line) + columns - 1) / columns);
        }
        return taken;
    }

    /** The lines to show, each at most {@code width} cells, at most {@code height} of them. */
    private List<Line> frame(int width, int height, boolean last) {
        long done = rows.values().stream().filter(Row::finished).count();
        int total = Math.max(plannedSteps, rows.size());
        String header = String.format(Locale.ROOT, "[+] Building %.1fs (%d/%d)%s", (System.nanoTime() - start) / 1e9,
                done, total, last && done == total && total > 0 ? " FINISHED" : "");
        List<List<Line>> blocks = new ArrayList<>();
        for (Row row : rows.values()) {
            List<Line> block = new ArrayList<>();
            block.add(stepLine(row, width));
            if (row.cacheMiss != null) {
                block.add(new Line(TerminalText.cut(" => => cache miss: " + row.cacheMiss, width), FAINT));
            }
            if (!row.finished() && !last) {
                row.tail.forEach(output -> block.add(new Line(TerminalText.cut(OUTPUT_PREFIX + output, width), FAINT)));
            }
            blocks.add(block);
        }
        fit(blocks, height - 1);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(TerminalText.cut(header, width), null));
        blocks.forEach(lines::addAll);
        return lines;
    }

    /**
     * Keeps the blocks within {@code height} lines: finished steps go first (oldest first), then running
     * steps' output, then the oldest running steps.
     */
    private void fit(List<List<Line>> blocks, int height) {
        List<Row> order = new ArrayList<>(rows.values());
        int lines = blocks.stream().mapToInt(List::size).sum();
        for (int i = 0; i < blocks.size() && lines > height; i++) {
            if (order.get(i).finished()) {
                lines -= blocks.get(i).size();
                blocks.get(i).clear();
            }
        }
        for (List<Line> block : blocks) {
            while (block.size() > 1 && lines > height) {
                block.remove(1);
                lines--;
            }
        }
        for (List<Line> block : blocks) {
            if (lines > height && !block.isEmpty()) {
                lines -= block.size();
                block.clear();
            }
        }
    }

    /** {@code " => [2/3] RUN make      1.2s"}: the timer at the right edge, the name cut to leave room for it. */
    private static Line stepLine(Row row, int width) {
        double seconds = row.finished() ? row.seconds : (System.nanoTime() - row.started) / 1e9;
        String timer = String.format(Locale.ROOT, " %.1fs", seconds < 0.05 ? 0 : seconds);
        String name = switch (row.state) {
            case "CACHED", "ERROR", "CANCELED" -> row.state + " " + row.label;
            default -> row.label;
        };
        String colour = switch (row.state) {
            case "" -> null;
            case "ERROR" -> RED;
            case "CANCELED" -> YELLOW;
            default -> BLUE;
        };
        int room = width - PREFIX.length() - timer.length();
        if (room < 1) {
            return new Line(TerminalText.cut(PREFIX + name, width), colour);
        }
        String shown = TerminalText.cut(TerminalText.clean(name), room);
        return new Line(PREFIX + shown + " ".repeat(room - TerminalText.width(shown)) + timer, colour);
    }

    private synchronized void stop() {
        if (!closed) {
            closed = true;
            timer.shutdownNow();
            draw(true);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
