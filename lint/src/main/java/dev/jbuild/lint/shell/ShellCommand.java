package dev.jbuild.lint.shell;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One simple command of a script: {@code FOO=1 apt-get install -y curl > /dev/null} has the assignment
 * {@code FOO=1}, the words {@code apt-get install -y curl} and a redirection that is dropped.
 *
 * @param depth 0 at the top of the script, more inside subshells and command substitutions
 * @param piped true when the command's output or input goes through a {@code |}
 * @param heredocs delimiters of the here-documents this command reads ({@code <<EOF})
 */
public record ShellCommand(List<ShellWord> assignments, List<ShellWord> words, int depth, boolean piped, List<String> heredocs) {

    /** Programs that run the rest of their arguments as another command. */
    private static final java.util.regex.Pattern ENV_ASSIGNMENT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", java.util.regex.Pattern.DOTALL);
    private static final Set<String> WRAPPERS = Set.of("sudo", "env", "nice", "nohup", "time", "command", "exec", "stdbuf", "doas");

    public ShellCommand {
        assignments = List.copyOf(assignments);
        words = List.copyOf(words);
        heredocs = List.copyOf(heredocs);
    }

    /** The program's base name ({@code /usr/bin/apt-get} is {@code apt-get}), or empty. */
    public String name() {
        if (words.isEmpty()) {
            return "";
        }
        String first = words.get(0).text();
        int slash = first.lastIndexOf('/');
        return slash >= 0 && slash < first.length() - 1 ? first.substring(slash + 1) : first;
    }

    public boolean is(String program) {
        return name().equals(program);
    }

    public int offset() {
        return words.isEmpty() ? (assignments.isEmpty() ? 0 : assignments.get(0).offset()) : words.get(0).offset();
    }

    /** The words after the program name. */
    public List<ShellWord> args() {
        return words.isEmpty() ? List.of() : words.subList(1, words.size());
    }

    /**
     * The command that actually runs once wrappers such as {@code sudo -E} or {@code env A=1} are taken
     * off; the command itself when there is none.
     */
    public ShellCommand unwrapped() {
        ShellCommand current = this;
        for (int guard = 0; guard < 8 && WRAPPERS.contains(current.name()); guard++) {
            String wrapper = current.name();
            List<ShellWord> rest = current.args();
            int i = 0;
            while (i < rest.size()) {
                String w = rest.get(i).text();
                if (w.equals("--")) {
                    i++;
                    break;
                }
                boolean assignment = wrapper.equals("env") && ENV_ASSIGNMENT.matcher(w).matches();
                if (!w.startsWith("-") && !assignment) {
                    break;
                }
                // sudo -u USER, nice -n 10, stdbuf -o L: options whose value is the next word
                boolean takesValue = (wrapper.equals("sudo") || wrapper.equals("doas")) && (w.equals("-u") || w.equals("-g") || w.equals("-C") || w.equals("-h") || w.equals("-p"))
                        || wrapper.equals("nice") && w.equals("-n")
                        || wrapper.equals("env") && (w.equals("-u") || w.equals("-C"));
                i += takesValue ? 2 : 1;
            }
            if (i >= rest.size()) {
                return current;
            }
            current = new ShellCommand(current.assignments, rest.subList(i, rest.size()), current.depth, current.piped, current.heredocs);
        }
        return current;
    }

    /** True when some argument is one of {@code flags} exactly ({@code --yes}) or as {@code --flag=value}. */
    public boolean hasFlag(String... flags) {
        for (ShellWord w : args()) {
            for (String flag : flags) {
                if (w.text().equals(flag) || flag.startsWith("--") && w.text().startsWith(flag + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when a cluster of short options ({@code -qy}) holds {@code letter}; long options are not looked at. */
    public boolean hasShortFlag(char letter) {
        for (ShellWord w : args()) {
            String t = w.text();
            if (t.length() > 1 && t.charAt(0) == '-' && t.charAt(1) != '-') {
                // the letters up to the first non-letter: -qO- holds q and O, -o=x holds o
                for (int i = 1; i < t.length() && Character.isLetter(t.charAt(i)); i++) {
                    if (t.charAt(i) == letter) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The first argument that is not an option (skipping the values of {@code optionsWithValue}), lower-cased,
     * or empty: the sub-command of {@code apt-get install}, {@code pip install}, {@code zypper -n in}.
     */
    public String subcommand(Set<String> optionsWithValue) {
        List<ShellWord> positional = positionals(optionsWithValue);
        return positional.isEmpty() ? "" : positional.get(0).text().toLowerCase(Locale.ROOT);
    }

    /** The arguments that are not options, nor values of {@code optionsWithValue}. */
    public List<ShellWord> positionals(Set<String> optionsWithValue) {
        List<ShellWord> out = new java.util.ArrayList<>();
        List<ShellWord> args = args();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            ShellWord w = args.get(i);
            String t = w.text();
            if (onlyPositionals) {
                out.add(w);
            } else if (t.equals("--")) {
                onlyPositionals = true;
            } else if (w.isOption()) {
                if (optionsWithValue.contains(t)) {
                    i++;
                }
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** The positional arguments after the sub-command: the packages of {@code apt-get install -y a b}. */
    public List<ShellWord> operands(Set<String> optionsWithValue) {
        List<ShellWord> positional = positionals(optionsWithValue);
        return positional.isEmpty() ? List.of() : positional.subList(1, positional.size());
    }
}
