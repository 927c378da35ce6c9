package dev.jbuild.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * {@code @FILE} arguments, expanded by picocli's own rules (whitespace-separated words, quotes, {@code #}
 * comments, {@code @@} for a literal {@code @}) before the command word is looked for, since a file may
 * hold it. Lines without an {@code @} word skip this.
 */
final class ArgFiles {
    private ArgFiles() {}

    static List<String> expand(List<String> args) {
        boolean any = false;
        for (String arg : args) {
            any |= arg.startsWith("@");
        }
        if (!any) {
            return args;
        }
        // a command that takes every word as it is: only the expansion picocli does before parsing matters
        CommandSpec anything = CommandSpec.create();
        anything.addPositional(PositionalParamSpec.builder().arity("0..*").type(String[].class).build());
        anything.parser().unmatchedOptionsArePositionalParams(true).unmatchedArgumentsAllowed(true);
        return new CommandLine(anything).parseArgs(args.toArray(String[]::new)).expandedArgs();
    }
}
