package dev.jbuild.cli.store;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Docker CLI's table layout (Go's tabwriter with minwidth 10, padding 3): every column but the
 * last is padded to its widest cell plus three spaces, at least ten wide.
 */
final class TabTable {
    private static final int MIN_WIDTH = 10;
    private static final int PADDING = 3;

    private final List<String[]> rows = new ArrayList<>();

    TabTable row(String... cells) {
        rows.add(cells.clone());
        return this;
    }

    void print(PrintStream out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < row.length - 1; c++) {
                widths[c] = Math.max(widths[c], Math.max(MIN_WIDTH, width(row[c]) + PADDING));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - width(row[c])));
                }
            }
            out.println(line);
        }
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
