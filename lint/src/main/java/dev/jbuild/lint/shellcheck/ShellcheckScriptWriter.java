package dev.jbuild.lint.shellcheck;

import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.lint.model.LineMap;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.lint.model.RunScript;
import dev.jbuild.lint.shell.ShellCommand;
import java.util.List;
import java.util.Optional;

/**
 * Lays the RUN scripts of a Dockerfile out for shellcheck at their own line numbers. The keyword and flags
 * are blanked (columns stay right), comment and blank lines inside a continuation become a lone {@code \}
 * (Docker drops them; the shell must not end the command there), and a heredoc the shell runs as the script
 * is written in place of its RUN line, while data heredocs stay as heredocs.
 */
public final class ShellcheckScriptWriter {
    private ShellcheckScriptWriter() {}

    public static Optional<ShellcheckInput> write(LintUnit unit) {
        int lineCount = unit.tree().lines().size();
        StringBuilder[] lines = new StringBuilder[lineCount + 1];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new StringBuilder();
        }
        boolean any = false;
        boolean bash = false;
        for (Stage stage : unit.stages()) {
            for (InstructionEntry e : stage.body()) {
                RunScript script = unit.runScript(e);
                if (script == null || script.execForm() || !unit.posixShellAt(e)) {
                    continue;
                }
                String shell = unit.shellAt(e).get(0);
                bash |= shell.endsWith("bash");
                writeRun(unit, e, script, lines);
                any = true;
            }
        }
        if (!any) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= lineCount; i++) {
            text.append(lines[i]).append('\n');
        }
        return Optional.of(new ShellcheckInput(unit.file(), bash ? "bash" : "sh", text.toString()));
    }

    private static void writeRun(LintUnit unit, InstructionEntry e, RunScript script, StringBuilder[] lines) {
        LineMap map = unit.lineMap(e);
        List<RunScript.Body> bodies = script.bodies();
        boolean bodyIsScript = bodies.size() == 1 && bodies.get(0).shell() && lineOnlyFeedsBody(script);
        if (!bodyIsScript) {
            String original = e.raw().original();
            int start = script.scriptStart();
            for (LineMap.Segment s : map.segments()) {
                int from = Math.max(s.logicalStart(), start);
                int to = s.logicalStart() + s.length();
                if (from >= to) {
                    continue;
                }
                StringBuilder line = lines[s.line()];
                int column = s.column() + (from - s.logicalStart());
                while (line.length() < column - 1) {
                    line.append(' ');
                }
                line.append(original, from, to);
            }
            for (int l = map.startLine(); l < map.lastLine(); l++) {
                lines[l].append('\\');
            }
        }
        for (RunScript.Body body : bodies) {
            int count = countLines(body.heredoc().content());
            for (int i = 0; i < count; i++) {
                lines[body.bodyLine() + i].append(unit.tree().sourceLine(body.bodyLine() + i));
            }
            int terminator = body.bodyLine() + count;
            if (!bodyIsScript && terminator < lines.length) {
                lines[terminator].append(unit.tree().sourceLine(terminator));
            }
        }
    }

    /** {@code RUN <<EOF} or {@code RUN bash <<EOF}: the line does nothing but hand the body to a shell. */
    private static boolean lineOnlyFeedsBody(RunScript script) {
        List<ShellCommand> commands = script.parts().get(0).script().commands();
        return commands.size() == 1 && commands.get(0).args().isEmpty();
    }

    private static int countLines(String content) {
        int n = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
