package dev.jbuild.builder.dispatch;

import dev.jbuild.parser.shell.ExpansionLimits;
import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.shell.TrackedExpansion;
import dev.jbuild.parser.shell.VariableLookup;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expands an instruction's words against the stage's variables, turning expansion errors into
 * Dockerfile errors at the instruction, and remembering which names were used (for the cache key).
 */
final class Expander {
    private final ShellExpander expander;
    private final VariableLookup lookup;
    private final SourceRange range;
    private final SyntaxTree tree;
    private final Set<String> used = new TreeSet<>();

    Expander(ShellExpander expander, VariableLookup lookup, SourceRange range, SyntaxTree tree) {
        this.expander = expander;
        this.lookup = lookup;
        this.range = range;
        this.tree = tree;
    }

    static Expander of(BuildSession session, StageState state, SourceRange range) {
        return new Expander(session.expander(), state.lookup(), range, session.request().graph().syntax());
    }

    /**
     * Fails at {@code range} when the stage's variables have grown past {@link ExpansionLimits#MAX_ENVIRONMENT}:
     * called by ARG and ENV after they set theirs, so that the error names the line that grew them.
     */
    static void requireVariablesWithinLimits(BuildSession session, StageState state, SourceRange range) {
        String tooLarge = ExpansionLimits.environmentTooLarge(ExpansionLimits.size(state.variables()));
        if (tooLarge != null) {
            throw new Expander(session.expander(), VariableLookup.empty(), range, session.request().graph().syntax())
                    .error(tooLarge);
        }
    }

    /** One word: expansion and quote removal, no splitting. Null stays null. */
    String word(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            TrackedExpansion result = expander.expandWordTracked(raw, lookup);
            used.addAll(result.matched());
            return result.value();
        } catch (ShellExpansionException e) {
            throw error(e.getMessage());
        }
    }

    /** Several words, split as the shell would (EXPOSE). */
    List<String> words(String raw) {
        try {
            word(raw); // records the names used
            return expander.expandWords(raw, lookup);
        } catch (ShellExpansionException e) {
            throw error(e.getMessage());
        }
    }

    /** A heredoc body: variables expanded, quotes left alone (they belong to the file). */
    String heredoc(String body) {
        try {
            TrackedExpansion result = expander.withSkipProcessQuotes(true).expandWordTracked(body, lookup);
            used.addAll(result.matched());
            return result.value();
        } catch (ShellExpansionException e) {
            throw error(e.getMessage());
        }
    }

    Set<String> used() {
        return used;
    }

    DockerfileSyntaxException error(String message) {
        return error(message, null);
    }

    /** An error at the instruction, with a hint such as {@code did you mean ...?}, or none. */
    DockerfileSyntaxException error(String message, String hint) {
        return new DockerfileSyntaxException(message, range,
                range == null || tree == null ? null : tree.sourceLine(range.startLine()), hint);
    }
}
