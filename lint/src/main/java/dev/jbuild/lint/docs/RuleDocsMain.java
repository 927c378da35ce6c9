package dev.jbuild.lint.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes docs/lint from the rule catalogue: {@code java -cp ... dev.jbuild.lint.docs.RuleDocsMain [DIR]}
 * (default {@code docs/lint}). Pages for rules that no longer exist are deleted.
 */
public final class RuleDocsMain {
    private RuleDocsMain() {}

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "docs/lint"));
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> pages = RuleDocs.pages();
        try (var existing = Files.list(dir)) {
            for (Path p : existing.filter(p -> p.toString().endsWith(".md")).toList()) {
                if (!pages.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Files.writeString(dir.resolve(page.getKey()), page.getValue());
        }
    }
}
