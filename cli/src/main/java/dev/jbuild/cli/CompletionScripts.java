package dev.jbuild.cli;

import dev.jbuild.cli.spec.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * Shell completion scripts made from the command model: bash and zsh by picocli's {@link AutoComplete}
 * (its script serves both), fish from the same model. Parameters that name images
 * ({@link Args#IMAGE_NAMES}) complete with the names in the store, asked of jbuild itself when TAB is pressed
 * (with the line's {@code --root}, if any). Release builds ship the scripts; {@code jbuild completion}
 * prints them.
 */
public final class CompletionScripts {
    private static final List<String> IMAGES = Args.IMAGE_NAMES;

    private static final String BASH_IMAGES = """
            # Image names in the store the line uses (its --root, if any), for the parameters that name images.
            function _jbuild_images() {
              local root=() i
              for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
                case "${COMP_WORDS[i]}" in
                  --root) root=(--root "${COMP_WORDS[i+1]}") ;;
                  --root=*) root=("${COMP_WORDS[i]}") ;;
                esac
              done
              "${COMP_WORDS[0]}" "${root[@]}" images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | grep -v '<none>'
            }
            """;

    private static final String FISH_IMAGES = """
            # Image names in the store the line uses (its --root, if any), for the parameters that name images.
            function __jbuild_images
                set -l words (commandline -opc)
                set -l root
                for i in (seq (count $words))
                    switch $words[$i]
                        case --root
                            set root --root $words[(math $i + 1)]
                        case '--root=*'
                            set root $words[$i]
                    end
                end
                $words[1] $root images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | string match -v '*<none>*'
            end
            """;

    private CompletionScripts() {}

    /** The whole command tree, as completion and man pages describe it. */
    public static CommandSpec model() {
        return new CommandLine(JbuildCommand.fullTree()).getCommandSpec();
    }

    /** For bash, and for zsh through its bash completion layer (the script sets it up). */
    public static String bash(CommandSpec root) {
        String script = AutoComplete.bash(root.name(), root.commandLine());
        String marker = "(\"" + IMAGES.get(0) + "\")";
        script = script.replace(marker, "($(_jbuild_images))");
        int functions = script.indexOf("function ");
        return script.substring(0, functions) + BASH_IMAGES + "\n" + script.substring(functions);
    }

    public static String fish(CommandSpec root) {
        StringBuilder out = new StringBuilder("# fish completion for jbuild: jbuild completion fish > "
                + "~/.config/fish/completions/jbuild.fish\n\n").append(FISH_IMAGES).append('\n');
        String name = root.name();
        out.append("complete -c ").append(name).append(" -f\n");
        fishCommand(out, name, root, List.of());
        return out.toString();
    }

    /** The lines of one command: its options, its parameters, and its subcommands (then theirs). */
    private static void fishCommand(StringBuilder out, String program, CommandSpec command, List<String> path) {
        String condition = path.isEmpty() ? "" : " -n " + quote(seen(path));
        for (OptionSpec option : command.options()) {
            if (option.hidden() || (option.inherited() && !path.isEmpty())) {
                continue;
            }
            out.append("complete -c ").append(program).append(path.isEmpty() ? "" : condition);
            for (String optionName : option.names()) {
                out.append(optionName.startsWith("--") ? " -l " + optionName.substring(2) : " -s " + optionName.substring(1));
            }
            if (option.arity().max() > 0) {
                out.append(" -r");
                appendCandidates(out, option.completionCandidates(), namesFiles(option));
            }
            out.append(" -d ").append(quote(summary(option.description()))).append('\n');
        }
        for (PositionalParamSpec parameter : command.positionalParameters()) {
            if (path.isEmpty()) {
                continue;
            }
            out.append("complete -c ").append(program).append(condition);
            appendCandidates(out, parameter.completionCandidates(), namesFiles(parameter));
            out.append('\n');
        }
        for (Map.Entry<String, CommandLine> entry : command.subcommands().entrySet()) {
            String sub = entry.getKey();
            CommandSpec spec = entry.getValue().getCommandSpec();
            String when = path.isEmpty() ? "__fish_use_subcommand"
                    : seen(path) + "; and not __fish_seen_subcommand_from " + String.join(" ", command.subcommands().keySet());
            out.append("complete -c ").append(program).append(" -n ").append(quote(when)).append(" -a ").append(sub)
                    .append(" -d ").append(quote(summary(spec.usageMessage().description()))).append('\n');
        }
        for (Map.Entry<String, CommandLine> entry : command.subcommands().entrySet()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(entry.getKey());
            fishCommand(out, program, entry.getValue().getCommandSpec(), subPath);
        }
    }

    private static void appendCandidates(StringBuilder out, Iterable<String> candidates, boolean files) {
        List<String> values = new ArrayList<>();
        if (candidates != null) {
            candidates.forEach(values::add);
        }
        if (values.equals(IMAGES)) {
            out.append(" -a '(__jbuild_images)'");
        } else if (!values.isEmpty()) {
            out.append(" -a ").append(quote(String.join(" ", values)));
        } else if (files) {
            out.append(" -F");
        }
    }

    /** Whether the argument names files: typed as a file or path, as picocli's bash script decides too. */
    private static boolean namesFiles(ArgSpec argument) {
        for (Class<?> type : argument.auxiliaryTypes()) {
            if (type == java.io.File.class || type == java.nio.file.Path.class) {
                return true;
            }
        }
        return argument.type() == java.io.File.class || argument.type() == java.nio.file.Path.class;
    }

    private static String seen(List<String> path) {
        StringBuilder condition = new StringBuilder();
        for (String word : path) {
            condition.append(condition.length() == 0 ? "" : "; and ").append("__fish_seen_subcommand_from ").append(word);
        }
        return condition.toString();
    }

    private static String summary(String[] description) {
        return description.length == 0 ? "" : description[0];
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
