package dev.jbuild.lint.rules;

import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.lint.model.RunScript;
import dev.jbuild.lint.shell.ShellCommand;
import dev.jbuild.lint.shell.ShellWord;
import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;
import java.util.function.BiConsumer;

/** Helpers for the rules that read RUN scripts. */
final class Runs {
    private Runs() {}

    /** Every RUN of every stage whose shell is POSIX-like, with its script. */
    static void each(LintUnit unit, BiConsumer<InstructionEntry, RunScript> action) {
        for (Stage stage : unit.stages()) {
            for (InstructionEntry e : stage.body()) {
                RunScript script = unit.runScript(e);
                if (script != null && unit.posixShellAt(e)) {
                    action.accept(e, script);
                }
            }
        }
    }

    /** Where a command starts. */
    static SourceRange at(LintUnit unit, InstructionEntry e, RunScript.Located located) {
        return unit.range(e, located.position());
    }

    /** Where one of a command's words starts. */
    static SourceRange at(LintUnit unit, InstructionEntry e, RunScript.Located located, ShellWord word) {
        return unit.range(e, located.position(word.offset()));
    }

    /** True when the script runs {@code program} with exactly these leading positional arguments ({@code yum clean all}). */
    static boolean runs(RunScript script, String program, java.util.Set<String> optionsWithValue, String... positionals) {
        for (RunScript.Located located : script.invocations(program)) {
            List<ShellWord> words = located.command().positionals(optionsWithValue);
            if (words.size() >= positionals.length) {
                boolean all = true;
                for (int i = 0; i < positionals.length; i++) {
                    all &= words.get(i).text().equals(positionals[i]);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the script removes something under {@code directory} with rm. */
    static boolean removes(RunScript script, String directory) {
        for (RunScript.Located located : script.invocations("rm")) {
            for (ShellWord w : located.command().args()) {
                if (w.text().equals(directory) || w.text().startsWith(directory + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isSubcommand(ShellCommand c, java.util.Set<String> optionsWithValue, String... names) {
        String sub = c.subcommand(optionsWithValue);
        for (String n : names) {
            if (sub.equals(n)) {
                return true;
            }
        }
        return false;
    }
}
