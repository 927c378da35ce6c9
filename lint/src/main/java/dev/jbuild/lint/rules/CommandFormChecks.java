package dev.jbuild.lint.rules;

import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.HadolintRules;
import dev.jbuild.lint.Rule;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.instructions.Cmd;
import dev.jbuild.parser.instructions.Command;
import dev.jbuild.parser.instructions.Entrypoint;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** CMD, ENTRYPOINT and HEALTHCHECK: how they are written and how often a stage has them. */
final class CommandFormChecks implements Check {

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        for (Stage stage : unit.stages()) {
            Map<String, InstructionEntry> previous = new HashMap<>();
            for (InstructionEntry e : stage.body()) {
                Command command = e.as(Cmd.class) != null ? e.as(Cmd.class).command()
                        : e.as(Entrypoint.class) != null ? e.as(Entrypoint.class).command() : null;
                if (command instanceof Command.ShellForm) {
                    if (unit.shellSetBefore(e)) {
                        sink.report(HadolintRules.DL3025, unit.range(e), e.raw().name()); // BuildKit lets it be
                    } else {
                        sink.report(BuildkitRules.JSON_ARGS_RECOMMENDED, unit.range(e), e.raw().keyword())
                                .alsoKnownAs(HadolintRules.DL3025, unit.range(e), e.raw().name());
                    }
                }
                if (e.valid() && (e.is("cmd") || e.is("entrypoint") || e.is("healthcheck"))) {
                    String kind = e.raw().keyword().toLowerCase(Locale.ROOT);
                    InstructionEntry before = previous.put(kind, e);
                    if (before != null) {
                        // BuildKit points at the earlier one: that is the one that will be ignored.
                        // hadolint points at the later one; both name one mistake: a repeated instruction.
                        sink.report(BuildkitRules.MULTIPLE_INSTRUCTIONS_DISALLOWED, unit.range(before), e.raw().keyword())
                                .alsoKnownAs(repeatRule(kind), unit.range(e));
                    }
                }
            }
        }
    }

    private static Rule repeatRule(String kind) {
        return switch (kind) {
            case "cmd" -> HadolintRules.DL4003;
            case "entrypoint" -> HadolintRules.DL4004;
            default -> HadolintRules.DL3012;
        };
    }
}
