package dev.jbuild.lint.model;

import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.lint.shell.ShellCommand;
import dev.jbuild.lint.shell.ShellScript;
import dev.jbuild.parser.instructions.Command;
import dev.jbuild.parser.instructions.Mount;
import dev.jbuild.parser.instructions.Run;
import dev.jbuild.parser.syntax.Heredoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What a RUN instruction executes, read as shell: the line's script and the bodies of here-documents that
 * the shell runs as a script ({@code RUN <<EOF}, {@code RUN bash <<EOF}), each with the way back from an
 * offset in its text to a Dockerfile position.
 */
public final class RunScript {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox");

    /** One piece of shell text and how to place its offsets in the Dockerfile. */
    public record Part(ShellScript script, IntFunction<Position> position, boolean heredocBody) {}

    /** A command together with the part it was read from, so it can be placed. */
    public record Located(ShellCommand command, Part part) {
        public Position position() {
            return part.position().apply(command.offset());
        }

        public Position position(int offset) {
            return part.position().apply(offset);
        }
    }

    /**
     * A here-document of the RUN and where its body starts.
     *
     * @param bodyLine the physical line of the first body line
     * @param shell true when the shell runs the body as a script
     */
    public record Body(Heredoc heredoc, int bodyLine, boolean shell) {}

    private final Run run;
    private final List<Part> parts;
    private final List<Body> bodies;
    private final int scriptStart;
    private final boolean execForm;

    private RunScript(Run run, List<Part> parts, List<Body> bodies, int scriptStart, boolean execForm) {
        this.run = run;
        this.parts = List.copyOf(parts);
        this.bodies = List.copyOf(bodies);
        this.scriptStart = scriptStart;
        this.execForm = execForm;
    }

    static RunScript of(Run run, InstructionEntry entry, LineMap lines) {
        Position start = new Position(lines.startLine(), lines.startColumn());
        if (run.command() instanceof Command.ExecForm exec) {
            return execForm(run, exec.argv(), start);
        }
        Command.ShellForm shellForm = (Command.ShellForm) run.command();
        String original = entry.raw().original();
        String script = shellForm.script();
        int scriptStart = locate(original, script);
        ShellScript line = ShellScript.parse(script);
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(line, offset -> lines.position(scriptStart + offset), false));
        List<Body> bodies = new ArrayList<>();
        int bodyLine = lines.lastLine() + 1;
        for (Heredoc heredoc : shellForm.heredocs()) {
            boolean shell = runsAsScript(line, heredoc);
            bodies.add(new Body(heredoc, bodyLine, shell));
            if (shell) {
                int first = bodyLine;
                String content = heredoc.content();
                parts.add(new Part(ShellScript.parse(content), offset -> positionInBody(content, first, offset), true));
            }
            bodyLine += lineCount(heredoc.content()) + 1;
        }
        return new RunScript(run, parts, bodies, scriptStart, false);
    }

    private static RunScript execForm(Run run, List<String> argv, Position start) {
        IntFunction<Position> here = offset -> start;
        if (argv.size() >= 3 && SHELLS.contains(baseName(argv.get(0))) && argv.get(1).equals("-c")) {
            return new RunScript(run, List.of(new Part(ShellScript.parse(argv.get(2)), here, false)), List.of(), -1, true);
        }
        StringBuilder quoted = new StringBuilder();
        for (String arg : argv) {
            quoted.append('\'').append(arg.replace("'", "'\\''")).append("' ");
        }
        return new RunScript(run, List.of(new Part(ShellScript.parse(quoted.toString()), here, false)), List.of(), -1, true);
    }

    /**
     * BuildKit runs a heredoc as the script when the line is nothing but its marker; a shell reading it on
     * stdin runs it too. A body that starts with a shebang for another interpreter is not shell.
     */
    private static boolean runsAsScript(ShellScript line, Heredoc heredoc) {
        String content = heredoc.content();
        if (content.startsWith("#!")) {
            String shebang = content.lines().findFirst().orElse("");
            return SHELLS.stream().anyMatch(s -> shebang.matches("#!.*[/ ]" + s + "(\\s.*)?"));
        }
        for (ShellCommand command : line.commands()) {
            if (command.heredocs().contains(heredoc.name())) {
                return command.words().isEmpty() || SHELLS.contains(command.name());
            }
        }
        return line.commands().isEmpty();
    }

    /** Where the script starts in the logical line: it is the line's tail, after keyword and flags. */
    private static int locate(String original, String script) {
        int end = original.length();
        while (end > 0 && Character.isWhitespace(original.charAt(end - 1))) {
            end--;
        }
        int start = end - script.length();
        if (start >= 0 && original.startsWith(script, start)) {
            return start;
        }
        int found = original.lastIndexOf(script);
        return Math.max(found, 0);
    }

    private static Position positionInBody(String content, int firstLine, int offset) {
        int line = firstLine;
        int lineStart = 0;
        for (int i = 0; i < offset && i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart + 1);
    }

    static int lineCount(String content) {
        int n = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    public Run run() {
        return run;
    }

    public List<Part> parts() {
        return parts;
    }

    public List<Body> bodies() {
        return bodies;
    }

    /** Offset of the script in the logical line, or -1 for the exec form. */
    public int scriptStart() {
        return scriptStart;
    }

    public boolean execForm() {
        return execForm;
    }

    /** Every command of the line and of the script bodies. */
    public List<Located> commands() {
        List<Located> out = new ArrayList<>();
        for (Part part : parts) {
            for (ShellCommand c : part.script().commands()) {
                out.add(new Located(c, part));
            }
        }
        return out;
    }

    /** The commands, wrappers taken off, that run {@code program}. */
    public List<Located> invocations(String... programs) {
        List<Located> out = new ArrayList<>();
        for (Located located : commands()) {
            ShellCommand real = located.command().unwrapped();
            for (String program : programs) {
                if (real.is(program)) {
                    out.add(new Located(real, located.part()));
                    break;
                }
            }
        }
        return out;
    }

    /** True when the RUN has a mount (cache, tmpfs or bind) whose target is {@code path} or one of its parents. */
    public boolean mountCovers(String path) {
        for (Mount mount : run.mounts()) {
            if (mount instanceof Mount.Secret || mount instanceof Mount.Ssh) {
                continue;
            }
            String target = mount.target();
            if (target == null) {
                continue;
            }
            String t = target.endsWith("/") && target.length() > 1 ? target.substring(0, target.length() - 1) : target;
            if (path.equals(t) || path.startsWith(t + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Names the script assigns itself, in any part. */
    public Set<String> assignedNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Part part : parts) {
            names.addAll(part.script().assignedNames());
        }
        return names;
    }
}
