package dev.jbuild.cli.registry;

import dev.jbuild.registry.TransferEvent;
import dev.jbuild.registry.TransferListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Docker's pull/push progress: one line per blob ({@code 3f4ca61aafcd: Downloading  12.1MB/50.3MB
 * 24.0MB/s}) redrawn in place on a terminal; on anything else (CI logs) one plain line each time a blob
 * changes phase, with its size and speed at the end. Notices are printed as they come. Quiet prints
 * nothing here.
 */
public final class TransferProgress implements TransferListener, AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private int drawn;

    private static final class Row {
        final long started = System.nanoTime();
        TransferEvent.Phase phase;
        long done;
        long total;
    }

    public TransferProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void on(TransferEvent event) {
        if (event instanceof TransferEvent.Notice notice) {
            clear();
            out.println(notice.message());
            redraw();
        } else if (event instanceof TransferEvent.Blob blob) {
            String id = blob.digest().shortId();
            Row row = rows.computeIfAbsent(id, k -> new Row());
            TransferEvent.Phase before = row.phase;
            row.phase = blob.phase();
            row.done = blob.done();
            row.total = blob.total();
            if (terminal) {
                clear();
                redraw();
            } else if (before != blob.phase()) {
                out.println(line(id, row));
            }
        }
        out.flush();
    }

    private void clear() {
        if (terminal && drawn > 0) {
            out.print("\u001b[" + drawn + "A\u001b[J");
            drawn = 0;
        }
    }

    private void redraw() {
        if (!terminal) {
            return;
        }
        for (Map.Entry<String, Row> entry : rows.entrySet()) {
            out.println(line(entry.getKey(), entry.getValue()));
            drawn++;
        }
    }

    static String line(String id, Row row) {
        StringBuilder line = new StringBuilder(id).append(": ").append(row.phase.label());
        boolean moving = row.phase == TransferEvent.Phase.DOWNLOADING || row.phase == TransferEvent.Phase.UPLOADING;
        boolean done = row.phase == TransferEvent.Phase.DOWNLOADED || row.phase == TransferEvent.Phase.PUSHED;
        if (moving || done) {
            double seconds = Math.max(1e-3, (System.nanoTime() - row.started) / 1e9);
            line.append(moving ? "  " + size(row.done) + "/" + size(row.total) : "  " + size(row.total))
                    .append("  ").append(size((long) (row.done / seconds))).append("/s");
        }
        return line.toString();
    }

    /** Docker's units: kB, MB, GB in powers of 1000, one decimal. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
