package dev.jbuild.tests.conformance;

import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.shell.VariableLookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of BuildKit's {@code shell/envVarTest}, read as FORMAT.md §2 describes. */
class EnvVarConformanceTest {
    private static final VariableLookup ENV = VariableLookup.of(Map.of(
            "PWD", "/home",
            "SHELL", "bash",
            "KOREAN", "한국어",
            "NULL", ""));
    private static final ShellExpander UNIX = new ShellExpander('\\');
    private static final ShellExpander WINDOWS = UNIX.withCaseInsensitiveNames(true);

    record Row(int line, String platform, String input, String expected) {
        boolean expectsError() {
            return expected.equals("error");
        }

        @Override
        public String toString() {
            return "line " + line + ": " + input;
        }
    }

    static List<Row> allRows() {
        List<String> lines = ShellTables.lines("envVarTest");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.strip().isEmpty()) {
                continue;
            }
            String[] fields = line.strip().split("\\|", -1);
            if (fields.length != 3) {
                throw new IllegalStateException("envVarTest line " + (i + 1) + " does not have 3 fields: " + line);
            }
            String platform = fields[0].strip();
            if (!List.of("A", "U", "W").contains(platform)) {
                throw new IllegalStateException("envVarTest line " + (i + 1) + " has unknown platform " + platform);
            }
            rows.add(new Row(i + 1, platform, fields[1].strip(), fields[2].strip()));
        }
        return rows;
    }

    static Stream<Row> unixRows() {
        return allRows().stream().filter(row -> !row.platform().equals("W"));
    }

    static Stream<Row> windowsRows() {
        return allRows().stream().filter(row -> !row.platform().equals("U"));
    }

    @Test
    void tableHasTheRowCountsFormatMdPromises() {
        List<Row> rows = allRows();
        assertEquals(226, rows.stream().filter(r -> r.platform().equals("A")).count());
        assertEquals(2, rows.stream().filter(r -> r.platform().equals("U")).count());
        assertEquals(2, rows.stream().filter(r -> r.platform().equals("W")).count());
    }

    @ParameterizedTest(name = "unix {0}")
    @MethodSource("unixRows")
    void unixRowExpandsAsBuildKit(Row row) {
        check(UNIX, row);
    }

    @ParameterizedTest(name = "windows {0}")
    @MethodSource("windowsRows")
    void windowsRowExpandsAsBuildKit(Row row) {
        check(WINDOWS, row);
    }

    private static void check(ShellExpander expander, Row row) {
        if (row.expectsError()) {
            assertThrows(ShellExpansionException.class, () -> expander.expandWord(row.input(), ENV),
                    () -> "line " + row.line() + " must fail: " + row.input());
        } else {
            assertEquals(row.expected(), expander.expandWord(row.input(), ENV).value(),
                    () -> "line " + row.line() + ": " + row.input());
        }
    }
}
