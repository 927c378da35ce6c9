package dev.jbuild.lint;

import dev.jbuild.parser.syntax.RawInstruction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline ignores: a comment right above an instruction, {@code # jbuild-lint ignore=DL3008,UndefinedVar}
 * (hadolint's {@code # hadolint ignore=...} is read too), silences those rules for that instruction,
 * continuation and heredoc lines included. A finding is silenced by any of its names: BuildKit's, or the
 * hadolint alias it carries. {@code ShellCheck} in the list silences every shellcheck code.
 */
final class Suppressions {
    private static final Pattern IGNORE = Pattern.compile("^(?:jbuild-lint|hadolint)\\s+ignore\\s*=\\s*([A-Za-z0-9_,\\s]+)$");

    private record Block(int startLine, int endLine, Set<String> rules) {}

    private final List<Block> blocks;

    private Suppressions(List<Block> blocks) {
        this.blocks = blocks;
    }

    static Suppressions of(dev.jbuild.parser.syntax.SyntaxTree tree) {
        List<Block> blocks = new ArrayList<>();
        for (RawInstruction raw : tree.instructions()) {
            Set<String> rules = new LinkedHashSet<>();
            for (String comment : dev.jbuild.lint.model.LeadingComments.of(tree, raw)) {
                Matcher m = IGNORE.matcher(comment.trim());
                if (m.matches()) {
                    for (String id : m.group(1).split("[,\\s]+")) {
                        if (!id.isBlank()) {
                            rules.add(id.trim());
                        }
                    }
                }
            }
            if (!rules.isEmpty()) {
                blocks.add(new Block(raw.range().startLine(), raw.range().endLine(), rules));
            }
        }
        return new Suppressions(blocks);
    }

    static Suppressions none() {
        return new Suppressions(List.of());
    }

    boolean suppresses(Finding finding) {
        for (Block b : blocks) {
            if (finding.line() >= b.startLine() && finding.line() <= b.endLine()
                    && (b.rules().stream().anyMatch(finding::isKnownAs)
                        || RuleCatalog.isShellcheckCode(finding.rule()) && b.rules().contains(JbuildRules.SHELLCHECK_FINDING.id()))) {
                return true;
            }
        }
        return false;
    }
}
