package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.lint.docs.RuleDocs;
import dev.jbuild.lint.docs.RuleDocsMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/lint is generated from the catalogue and must match it. To regenerate after changing a rule:
 * {@code mvn -o test -pl lint -Dtest=LintDocsTest -Djbuild.updateDocs=true}.
 */
class LintDocsTest {
    static Path docsDir() {
        return Path.of(System.getProperty("jbuild.projectRoot", "..")).resolve("docs/lint");
    }

    @Test
    void docsInTheRepositoryMatchTheCatalogue() throws IOException {
        Path dir = docsDir();
        if (Boolean.getBoolean("jbuild.updateDocs")) {
            RuleDocsMain.write(dir);
        }
        Map<String, String> pages = RuleDocs.pages();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = dir.resolve(page.getKey());
            if (!Files.isRegularFile(file) || !Files.readString(file).equals(page.getValue())) {
                stale.add(page.getKey());
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") && !pages.containsKey(n)).forEach(n -> stale.add(n + " (no such rule)"));
        }
        assertEquals(List.of(), stale, "docs/lint is stale; regenerate with -Djbuild.updateDocs=true (see this test's javadoc)");
    }

    @Test
    void everyRuleHasAPageLinkedFromTheIndex() {
        Map<String, String> pages = RuleDocs.pages();
        for (Rule rule : RuleCatalog.all()) {
            assertTrue(pages.containsKey(rule.id() + ".md"), rule.id());
            assertTrue(pages.get("README.md").contains("](" + rule.id() + ".md)"), rule.id());
            assertTrue(pages.get(rule.id() + ".md").contains(rule.messageTemplate()), rule.id());
        }
    }
}
