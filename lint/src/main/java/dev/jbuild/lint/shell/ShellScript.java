package dev.jbuild.lint.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A shell script read just deeply enough for linting: the simple commands it runs, their words without
 * quotes, where each word starts, and where its pipes are. It is not a shell: it does not expand anything
 * and it forgives syntax errors (an unclosed quote simply runs to the end), because a linter must say
 * something useful about every RUN line people write.
 */
public final class ShellScript {
    private final String text;
    private final List<ShellCommand> commands;
    private final List<Integer> pipes;
    private final Set<String> assignedNames;

    private ShellScript(String text, List<ShellCommand> commands, List<Integer> pipes, Set<String> assignedNames) {
        this.text = text;
        this.commands = List.copyOf(commands);
        this.pipes = List.copyOf(pipes);
        this.assignedNames = Set.copyOf(assignedNames);
    }

    public static ShellScript parse(String text) {
        ScriptReader reader = new ScriptReader(text, 0, text.length(), 0);
        reader.read();
        return new ShellScript(text, reader.commands, reader.pipes, reader.assigned);
    }

    public String text() {
        return text;
    }

    /** Every simple command in the order it ends, those of subshells and substitutions included. */
    public List<ShellCommand> commands() {
        return commands;
    }

    /** Offsets of the {@code |} and {@code |&} pipe operators. */
    public List<Integer> pipes() {
        return pipes;
    }

    /** Variable names the script itself sets ({@code X=1}, {@code export X=}, {@code for X in}, {@code read X}). */
    public Set<String> assignedNames() {
        return assignedNames;
    }

    /** The commands (wrappers such as sudo taken off) that run {@code program}. */
    public List<ShellCommand> invocations(String program) {
        List<ShellCommand> out = new ArrayList<>();
        for (ShellCommand c : commands) {
            ShellCommand real = c.unwrapped();
            if (real.is(program)) {
                out.add(real);
            }
        }
        return out;
    }

    /** Reads one region of the text; substitutions are read by nested readers that share the result lists. */
    private static final class ScriptReader {
        private static final Set<String> DROPPED_KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done",
                "while", "until", "!", "{", "}", "esac", "time");
        private static final Set<String> CONTROL_KEYWORDS = Set.of("for", "case", "select", "function");
        private static final java.util.regex.Pattern ASSIGNMENT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*", java.util.regex.Pattern.DOTALL);
        private static final java.util.regex.Pattern NAME_OR_ASSIGNMENT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(=.*)?", java.util.regex.Pattern.DOTALL);

        private enum Pending { NONE, REDIRECT_TARGET, HEREDOC_DELIMITER }

        private final String text;
        private final int end;
        private final int baseDepth;
        private int pos;
        private int depth;

        private List<ShellCommand> commands = new ArrayList<>();
        private List<Integer> pipes = new ArrayList<>();
        private Set<String> assigned = new LinkedHashSet<>();

        private final List<ShellWord> assignments = new ArrayList<>();
        private final List<ShellWord> words = new ArrayList<>();
        private final List<String> heredocs = new ArrayList<>();
        private boolean control;
        private boolean pipedIn;
        private int commandDepth;

        private final StringBuilder word = new StringBuilder();
        private boolean inWord;
        private int wordStart;
        private boolean wordExpands;
        private Pending pending = Pending.NONE;

        ScriptReader(String text, int start, int end, int depth) {
            this.text = text;
            this.pos = start;
            this.end = end;
            this.baseDepth = depth;
            this.depth = depth;
            this.commandDepth = depth;
        }

        void read() {
            while (pos < end) {
                char c = text.charAt(pos);
                char next = pos + 1 < end ? text.charAt(pos + 1) : '\0';
                if (c == '\\' && next == '\n') {
                    pos += 2;
                } else if (c == '\\' && next == '\r' && pos + 2 < end && text.charAt(pos + 2) == '\n') {
                    pos += 3;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    endWord();
                    pos++;
                } else if (c == '\n' || c == ';') {
                    endCommand(false);
                    pos++;
                } else if (c == '#' && !inWord) {
                    while (pos < end && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '&') {
                    ampersand(next);
                } else if (c == '|') {
                    bar(next);
                } else if (c == '(' && !inWord) {
                    endWord();
                    if (words.isEmpty() && assignments.isEmpty()) {
                        depth++;
                        commandDepth = depth;
                    }
                    pos++;
                } else if (c == ')') {
                    endCommand(false);
                    depth = Math.max(baseDepth, depth - 1);
                    commandDepth = depth;
                    pos++;
                } else if (c == '<' || c == '>') {
                    redirection(c, next);
                } else if (c == '\'') {
                    startWord();
                    int close = text.indexOf('\'', pos + 1);
                    close = close < 0 || close > end ? end : close;
                    word.append(text, pos + 1, close);
                    pos = Math.min(end, close + 1);
                } else if (c == '"') {
                    startWord();
                    doubleQuoted();
                } else if (c == '$') {
                    startWord();
                    dollar();
                } else if (c == '`') {
                    startWord();
                    backtick();
                } else if (c == '\\') {
                    startWord();
                    if (pos + 1 < end) {
                        word.append(next);
                    }
                    pos += 2;
                } else {
                    startWord();
                    word.append(c);
                    pos++;
                }
            }
            endCommand(false);
        }

        private void ampersand(char next) {
            if (next == '&') {
                endCommand(false);
                pos += 2;
            } else if (next == '>') {
                endWord();
                pos += pos + 2 < end && text.charAt(pos + 2) == '>' ? 3 : 2;
                pending = Pending.REDIRECT_TARGET;
            } else {
                endCommand(false);
                pos++;
            }
        }

        private void bar(char next) {
            if (next == '|') {
                endCommand(false);
                pos += 2;
                return;
            }
            pipes.add(pos);
            endCommand(true);
            pos += next == '&' ? 2 : 1;
        }

        private void redirection(char c, char next) {
            if (inWord && word.chars().allMatch(Character::isDigit)) {
                discardWord(); // the file descriptor of 2>&1
            } else {
                endWord();
            }
            if (c == '<' && next == '<') {
                if (pos + 2 < end && text.charAt(pos + 2) == '<') {
                    pos += 3;
                    pending = Pending.REDIRECT_TARGET;
                } else {
                    pos += 2;
                    if (pos < end && text.charAt(pos) == '-') {
                        pos++;
                    }
                    pending = Pending.HEREDOC_DELIMITER;
                }
                return;
            }
            pos++;
            if (pos < end && (text.charAt(pos) == '>' || text.charAt(pos) == '|')) {
                pos++;
            }
            if (pos < end && text.charAt(pos) == '&') {
                pos++;
                int start = pos;
                while (pos < end && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos > start) {
                    return; // >&2, <&0, >&-: no target word follows
                }
            }
            pending = Pending.REDIRECT_TARGET;
        }

        private void doubleQuoted() {
            pos++;
            while (pos < end) {
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return;
                }
                if (c == '\\' && pos + 1 < end) {
                    char n = text.charAt(pos + 1);
                    if (n == '\n') {
                        pos += 2;
                        continue;
                    }
                    if (n == '"' || n == '\\' || n == '$' || n == '`') {
                        word.append(n);
                        pos += 2;
                        continue;
                    }
                    word.append(c);
                    pos++;
                } else if (c == '$') {
                    dollar();
                } else if (c == '`') {
                    backtick();
                } else {
                    word.append(c);
                    pos++;
                }
            }
        }

        private void dollar() {
            char next = pos + 1 < end ? text.charAt(pos + 1) : '\0';
            int start = pos;
            if (next == '(') {
                wordExpands = true;
                boolean arithmetic = pos + 2 < end && text.charAt(pos + 2) == '(';
                int close = matching(pos + 1, '(', ')');
                if (!arithmetic) {
                    nested(pos + 2, close);
                }
                pos = Math.min(end, close + 1);
                word.append(text, start, pos);
            } else if (next == '{') {
                wordExpands = true;
                int close = matching(pos + 1, '{', '}');
                pos = Math.min(end, close + 1);
                word.append(text, start, pos);
            } else if (next == '\'') {
                int i = pos + 2;
                while (i < end && text.charAt(i) != '\'') {
                    if (text.charAt(i) == '\\' && i + 1 < end) {
                        word.append(text.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(text.charAt(i++));
                    }
                }
                pos = Math.min(end, i + 1);
            } else if (Character.isLetterOrDigit(next) || next == '_' || "@*#?$!-".indexOf(next) >= 0 && next != '\0') {
                wordExpands = true;
                int i = pos + 1;
                if (Character.isLetter(next) || next == '_') {
                    while (i < end && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                        i++;
                    }
                } else {
                    i++;
                }
                word.append(text, pos, i);
                pos = i;
            } else {
                word.append('$');
                pos++;
            }
        }

        private void backtick() {
            wordExpands = true;
            int start = pos;
            int i = pos + 1;
            while (i < end && text.charAt(i) != '`') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            int close = Math.min(i, end);
            nested(pos + 1, close);
            pos = Math.min(end, close + 1);
            word.append(text, start, pos);
        }

        private void nested(int from, int to) {
            ScriptReader inner = new ScriptReader(text, from, Math.min(to, end), depth + 1);
            inner.commands = commands;
            inner.pipes = pipes;
            inner.assigned = assigned;
            inner.read();
        }

        /** The index of the bracket closing the one at {@code open}, minding quotes and nesting; {@code end} if none. */
        private int matching(int open, char opening, char closing) {
            int level = 0;
            int i = open;
            while (i < end) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '\'') {
                    int close = text.indexOf('\'', i + 1);
                    i = close < 0 ? end : close + 1;
                    continue;
                }
                if (c == '"') {
                    i++;
                    while (i < end && text.charAt(i) != '"') {
                        i += text.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                    continue;
                }
                if (c == opening) {
                    level++;
                } else if (c == closing) {
                    level--;
                    if (level == 0) {
                        return i;
                    }
                }
                i++;
            }
            return end;
        }

        private void startWord() {
            if (!inWord) {
                inWord = true;
                wordStart = pos;
                wordExpands = false;
                word.setLength(0);
            }
        }

        private void discardWord() {
            inWord = false;
            word.setLength(0);
        }

        private void endWord() {
            if (!inWord) {
                return;
            }
            inWord = false;
            ShellWord w = new ShellWord(word.toString(), wordStart, wordExpands);
            word.setLength(0);
            if (pending == Pending.REDIRECT_TARGET) {
                pending = Pending.NONE;
                return;
            }
            if (pending == Pending.HEREDOC_DELIMITER) {
                pending = Pending.NONE;
                heredocs.add(w.text());
                return;
            }
            if (words.isEmpty()) {
                if (!control && ASSIGNMENT.matcher(w.text()).matches()) {
                    assignments.add(w);
                    return;
                }
                if (DROPPED_KEYWORDS.contains(w.text()) && assignments.isEmpty()) {
                    return;
                }
                if (CONTROL_KEYWORDS.contains(w.text()) && assignments.isEmpty()) {
                    control = true;
                }
            }
            words.add(w);
        }

        private void endCommand(boolean pipedOut) {
            endWord();
            pending = Pending.NONE;
            for (ShellWord a : assignments) {
                assigned.add(nameOf(a.text()));
            }
            if (control) {
                // for NAME in ...; select NAME in ...: the loop variable is set by the script
                if (words.size() > 1 && (words.get(0).text().equals("for") || words.get(0).text().equals("select"))) {
                    assigned.add(words.get(1).text());
                }
            } else if (!words.isEmpty() || !heredocs.isEmpty()) {
                ShellCommand command = new ShellCommand(assignments, words, commandDepth, pipedIn || pipedOut, heredocs);
                commands.add(command);
                recordAssignedNames(command);
            }
            assignments.clear();
            words.clear();
            heredocs.clear();
            control = false;
            pipedIn = pipedOut;
            commandDepth = depth;
        }

        private void recordAssignedNames(ShellCommand command) {
            ShellCommand real = command.unwrapped();
            String name = real.name();
            if (name.equals("export") || name.equals("local") || name.equals("declare") || name.equals("typeset")
                    || name.equals("readonly") || name.equals("read") || name.equals("getopts")) {
                for (ShellWord w : real.args()) {
                    if (!w.isOption() && NAME_OR_ASSIGNMENT.matcher(w.text()).matches()) {
                        assigned.add(nameOf(w.text()));
                    }
                }
            }
        }

        private static String nameOf(String assignment) {
            int cut = 0;
            while (cut < assignment.length() && (Character.isLetterOrDigit(assignment.charAt(cut)) || assignment.charAt(cut) == '_')) {
                cut++;
            }
            return assignment.substring(0, cut);
        }
    }
}
