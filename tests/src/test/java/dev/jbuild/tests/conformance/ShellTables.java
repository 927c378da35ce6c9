package dev.jbuild.tests.conformance;

import dev.jbuild.tests.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** BuildKit's shell-expansion tables, from testdata/buildkit. */
final class ShellTables {
    private ShellTables() {}

    static List<String> lines(String fileName) {
        try {
            return Files.readAllLines(SharedData.conformance("shell/" + fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conformance table " + fileName, e);
        }
    }
}
