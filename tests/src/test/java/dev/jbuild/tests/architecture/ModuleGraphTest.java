package dev.jbuild.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the production classes of every module to the graph in docs/ARCHITECTURE.md: each module's
 * package may use only the jbuild packages listed for it. A new import across the graph fails here with
 * the offending class and line, before anyone has to find the cycle by reading.
 */
class ModuleGraphTest {
    private static final String ROOT = "dev.jbuild.";

    /** Module package → the jbuild packages it may use besides its own (the same as the document's table). */
    private static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("imagespec", Set.of());
        MAY_USE.put("platform", Set.of());
        MAY_USE.put("grammar", Set.of());
        MAY_USE.put("parser", Set.of("grammar", "imagespec", "platform"));
        MAY_USE.put("layertar", Set.of("imagespec", "platform"));
        MAY_USE.put("store", Set.of("imagespec", "platform", "layertar"));
        MAY_USE.put("executor", Set.of("imagespec", "platform", "layertar"));
        MAY_USE.put("lint", Set.of("parser", "grammar", "imagespec", "platform"));
        MAY_USE.put("transfer", Set.of("store", "layertar", "imagespec", "platform"));
        MAY_USE.put("analysis", Set.of("transfer", "store", "layertar", "imagespec", "platform"));
        MAY_USE.put("builder", Set.of("parser", "grammar", "store", "executor", "layertar", "imagespec", "platform"));
        // The registry implements the builder's two ports (a base-image source, a cache transport); the
        // builder never imports the registry.
        MAY_USE.put("registry", Set.of("builder", "parser", "grammar", "store", "executor", "layertar", "imagespec",
                "platform"));
    }

    /** The top: the CLI, the release's build-time generators, benchmarks. They may use everything. */
    private static final Set<String> TOP = Set.of("cli", "dist", "bench");

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jbuild");
    }

    @Test
    void everyModuleUsesOnlyTheModulesBelowIt() {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> module : MAY_USE.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : allModulePackages()) {
                if (!other.equals(module.getKey()) && !module.getValue().contains(other)) {
                    forbidden.add(ROOT + other + "..");
                }
            }
            var rule = noClasses().that().resideInAPackage(ROOT + module.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .allowEmptyShould(true);
            var result = rule.evaluate(classes);
            if (result.hasViolation()) {
                violations.addAll(result.getFailureReport().getDetails());
            }
        }
        assertTrue(violations.isEmpty(), () -> violations.size() + " imports across the module graph:\n"
                + String.join("\n", violations.subList(0, Math.min(40, violations.size()))));
    }

    @Test
    void theGraphCoversEveryModuleThatHasClasses() {
        // A module whose package is missing from the table would escape every rule above.
        List<String> unknown = classes.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith(ROOT))
                .map(p -> p.substring(ROOT.length()).split("\\.")[0])
                .distinct()
                .filter(p -> !MAY_USE.containsKey(p) && !TOP.contains(p))
                .toList();
        assertTrue(unknown.isEmpty(), "packages with no rule in ModuleGraphTest: " + unknown);
        assertTrue(classes.contain("dev.jbuild.imagespec.Digest"), "the importer found no jbuild classes");
    }

    @Test
    void onlyTheCliWritesToTheTerminal() {
        // Engines emit events and return values; only the CLI decides what reaches stdout and stderr.
        var rule = noClasses().that().resideOutsideOfPackages(ROOT + "cli..", ROOT + "dist..", ROOT + "bench..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err");
        rule.check(classes);
    }

    private static Set<String> allModulePackages() {
        Set<String> all = new java.util.TreeSet<>(MAY_USE.keySet());
        all.addAll(TOP);
        return all;
    }
}
