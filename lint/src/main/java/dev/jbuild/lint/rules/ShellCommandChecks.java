package dev.jbuild.lint.rules;

import dev.jbuild.lint.HadolintRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.lint.model.Position;
import dev.jbuild.lint.model.RunScript;
import dev.jbuild.lint.shell.ShellCommand;
import dev.jbuild.lint.shell.ShellWord;
import dev.jbuild.parser.instructions.Run;
import java.util.List;
import java.util.Set;

/** What RUN scripts do besides installing packages: cd, sudo, pipes, downloads, users and shells. */
final class ShellCommandChecks implements Check {
    private static final Set<String> POINTLESS = Set.of("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill",
            "mount", "ifconfig");

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        Runs.each(unit, (e, script) -> {
            boolean cdReported = false;
            for (RunScript.Located l : script.commands()) {
                ShellCommand raw = l.command();
                if (raw.is("sudo")) {
                    sink.report(HadolintRules.DL3004, Runs.at(unit, e, l));
                }
                ShellCommand c = raw.unwrapped();
                RunScript.Located real = new RunScript.Located(c, l.part());
                if (POINTLESS.contains(c.name())) {
                    sink.report(HadolintRules.DL3001, Runs.at(unit, e, real), c.name());
                }
                if (c.is("cd") && c.depth() == 0 && !cdReported) {
                    sink.report(HadolintRules.DL3003, Runs.at(unit, e, real));
                    cdReported = true;
                }
                if (c.is("useradd")) {
                    highUid(unit, sink, e, real);
                }
                if (c.is("wget") && !c.hasFlag("--progress") && !c.hasShortFlag('q') && !c.hasFlag("--quiet", "-nv",
                        "--no-verbose", "-o", "--output-file", "-a", "--append-output")) {
                    sink.report(HadolintRules.DL3047, Runs.at(unit, e, real));
                }
                if (c.is("ln")) {
                    List<ShellWord> operands = c.positionals(Set.of("-t", "--target-directory", "-S", "--suffix"));
                    if (!operands.isEmpty() && operands.get(operands.size() - 1).text().equals("/bin/sh")) {
                        sink.report(HadolintRules.DL4005, Runs.at(unit, e, real));
                    }
                }
            }
            pipefail(unit, sink, e, script);
        });
        for (Stage stage : unit.stages()) {
            wgetAndCurl(unit, sink, stage);
            consecutiveRuns(unit, sink, stage);
        }
    }

    private static void highUid(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript.Located l) {
        ShellCommand c = l.command();
        if (c.hasFlag("-l", "--no-log-init") || c.hasShortFlag('l')) {
            return;
        }
        List<ShellWord> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String t = args.get(i).text();
            String uid = null;
            if ((t.equals("-u") || t.equals("--uid")) && i + 1 < args.size()) {
                uid = args.get(i + 1).text();
            } else if (t.startsWith("--uid=")) {
                uid = t.substring("--uid=".length());
            }
            if (uid != null && uid.length() > 5 && uid.chars().allMatch(Character::isDigit)) {
                sink.report(HadolintRules.DL3046, Runs.at(unit, e, l), uid);
                return;
            }
        }
    }

    /** DL4006: a pipe in a script that neither its SHELL nor a {@code set -o pipefail} before it protects. */
    private static void pipefail(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript script) {
        if (script.execForm() || unit.shellAt(e).contains("pipefail")) {
            return;
        }
        for (RunScript.Part part : script.parts()) {
            List<Integer> pipes = part.script().pipes();
            if (pipes.isEmpty()) {
                continue;
            }
            int firstPipe = pipes.get(0);
            boolean protectedByScript = part.script().commands().stream().anyMatch(c -> c.is("set") && c.offset() < firstPipe
                    && c.args().stream().anyMatch(w -> w.text().equals("pipefail") || w.text().contains("pipefail")));
            if (!protectedByScript) {
                Position at = part.position().apply(firstPipe);
                sink.report(HadolintRules.DL4006, unit.range(e, at));
                return;
            }
        }
    }

    private static void wgetAndCurl(LintUnit unit, FindingSink sink, Stage stage) {
        boolean wget = false;
        boolean curl = false;
        for (InstructionEntry e : stage.body()) {
            RunScript script = unit.runScript(e);
            if (script == null || !unit.posixShellAt(e)) {
                continue;
            }
            for (RunScript.Located l : script.invocations("wget", "curl")) {
                wget |= l.command().is("wget");
                curl |= l.command().is("curl");
                if (wget && curl) {
                    sink.report(HadolintRules.DL4001, Runs.at(unit, e, l));
                    return;
                }
            }
        }
    }

    /** DL3059: a RUN right after a RUN with the same flags could have been one layer. */
    private static void consecutiveRuns(LintUnit unit, FindingSink sink, Stage stage) {
        InstructionEntry previous = null;
        for (InstructionEntry e : stage.body()) {
            Run run = e.as(Run.class);
            if (run != null && previous != null && previous.raw().flags().equals(e.raw().flags())) {
                sink.report(HadolintRules.DL3059, unit.range(e));
            }
            previous = run != null ? e : null;
        }
    }
}
