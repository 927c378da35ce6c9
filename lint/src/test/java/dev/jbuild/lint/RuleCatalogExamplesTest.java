package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples in the catalogue are the ones the generated docs show; each bad one must trigger its rule on
 * exactly the documented lines and each good one must not trigger it, with every other rule skipped.
 */
class RuleCatalogExamplesTest {

    @TestFactory
    Stream<DynamicTest> everyDocumentedExampleBehavesAsDocumented() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : RuleCatalog.all()) {
            int n = 0;
            for (RuleExample example : rule.examples()) {
                n++;
                String name = rule.id() + (example.isBad() ? " bad #" : " good #") + n;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    List<Finding> findings = Lints.only(rule.id(), example.dockerfile(), rule.exampleDockerignore(), rule.exampleConfig());
                    assertEquals(example.lines(), Lints.lines(findings), () -> name + ": " + findings);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyRuleExceptShellCheckHasABadAndAGoodExample() {
        for (Rule rule : RuleCatalog.all()) {
            if (rule.origin() == RuleOrigin.SHELLCHECK) {
                continue;
            }
            assertFalse(rule.examples().stream().noneMatch(RuleExample::isBad), rule.id() + " has no bad example");
            assertFalse(rule.examples().stream().allMatch(RuleExample::isBad), rule.id() + " has no good example");
        }
    }

    @Test
    void catalogueHasAllBuildkitChecksAndAtLeastThirtyHadolintRules() {
        List<String> buildkit = List.of("StageNameCasing", "FromAsCasing", "NoEmptyContinuation", "ConsistentInstructionCasing",
                "DuplicateStageName", "ReservedStageName", "JSONArgsRecommended", "MaintainerDeprecated", "UndefinedArgInFrom",
                "WorkdirRelativePath", "UndefinedVar", "MultipleInstructionsDisallowed", "LegacyKeyValueFormat",
                "RedundantTargetPlatform", "SecretsUsedInArgOrEnv", "InvalidDefaultArgInFrom", "FromPlatformFlagConstDisallowed",
                "CopyIgnoredFile", "InvalidDefinitionDescription", "ExposeProtoCasing", "ExposeInvalidFormat", "InvalidBaseImagePlatform");
        for (String id : buildkit) {
            assertEquals(RuleOrigin.BUILDKIT, RuleCatalog.find(id).orElseThrow().origin(), id);
        }
        long dl = RuleCatalog.all().stream().filter(r -> r.origin() == RuleOrigin.HADOLINT).count();
        assertEquals(true, dl >= 30, "hadolint rules: " + dl);
    }
}
