package dev.jbuild.lint.rules;

import static dev.jbuild.lint.rules.Texts.isLower;
import static dev.jbuild.lint.rules.Texts.isUpper;

import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import java.util.List;

/** ConsistentInstructionCasing, FromAsCasing and StageNameCasing: how keywords and stage names are written. */
final class CasingChecks implements Check {

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        consistentCasing(unit, sink);
        for (Stage stage : unit.stages()) {
            InstructionEntry e = stage.fromEntry();
            List<String> args = e.raw().args();
            if (args.size() == 3 && !isLower(args.get(2))) {
                sink.report(BuildkitRules.STAGE_NAME_CASING, unit.range(e), args.get(2));
            }
            if (args.size() >= 3) {
                String keyword = e.raw().keyword();
                String as = args.get(1);
                boolean lower = isLower(keyword);
                boolean upper = isUpper(keyword);
                // A FROM keyword in mixed case is ConsistentInstructionCasing's business, not this rule's.
                if (lower && !isLower(as) || upper && !lower && !isUpper(as)) {
                    sink.report(BuildkitRules.FROM_AS_CASING, unit.range(e), as, keyword);
                }
            }
        }
    }

    /** The majority case wins (upper on a tie, as in BuildKit); every keyword not in it is reported. */
    private static void consistentCasing(LintUnit unit, FindingSink sink) {
        if (!sink.wants(BuildkitRules.CONSISTENT_INSTRUCTION_CASING)) {
            return;
        }
        int lowerCount = 0;
        int upperCount = 0;
        for (InstructionEntry e : unit.entries()) {
            String k = e.raw().keyword();
            if (isLower(k)) {
                lowerCount++;
            } else if (isUpper(k)) {
                upperCount++;
            }
        }
        if (lowerCount == 0 && upperCount == unit.entries().size() || upperCount == 0 && lowerCount == unit.entries().size()) {
            return; // one case throughout: nothing to report, and no second pass over a long file
        }
        boolean majorityLower = lowerCount > upperCount;
        for (InstructionEntry e : unit.entries()) {
            String k = e.raw().keyword();
            if (majorityLower && !isLower(k)) {
                sink.report(BuildkitRules.CONSISTENT_INSTRUCTION_CASING, unit.range(e), k, "lowercase");
            } else if (!majorityLower && !isUpper(k)) {
                sink.report(BuildkitRules.CONSISTENT_INSTRUCTION_CASING, unit.range(e), k, "uppercase");
            }
        }
    }
}
