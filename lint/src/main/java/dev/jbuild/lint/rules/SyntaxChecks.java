package dev.jbuild.lint.rules;

import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.HadolintRules;
import dev.jbuild.lint.JbuildRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.ParseWarning;

/** Instructions that do not parse, the parser's own warnings, and what may come before the first FROM. */
final class SyntaxChecks implements Check {

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        for (InstructionEntry e : unit.entries()) {
            DockerfileSyntaxException error = e.error();
            if (error != null) {
                String message = error.getMessage() + (error.hint() == null ? "" : " (" + error.hint() + ")");
                sink.report(JbuildRules.SYNTAX_ERROR, error.range() != null ? error.range() : unit.range(e), message);
            }
        }
        for (ParseWarning warning : unit.tree().warnings()) {
            if (warning.rule().equals(BuildkitRules.NO_EMPTY_CONTINUATION.id())) {
                sink.report(BuildkitRules.NO_EMPTY_CONTINUATION, warning.range());
            }
        }
        for (InstructionEntry e : unit.entries()) {
            if (e.stage() >= 0) {
                break;
            }
            if (!e.is("arg")) {
                sink.report(HadolintRules.DL3061, unit.range(e), e.raw().name());
                break;
            }
        }
    }
}
