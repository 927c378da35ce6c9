package dev.jbuild.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints a command's help in picocli's layout, in colour only when it goes to a terminal and
 * {@code NO_COLOR} is not set (https://no-color.org), and never for a dumb terminal.
 */
final class HelpPrinter {
    private HelpPrinter() {}

    static void print(CommandSpec command, PrintStream out, Map<String, String> env) {
        command.commandLine().usage(out, colour(out, env) ? Ansi.ON : Ansi.OFF);
        out.flush();
    }

    static boolean colour(PrintStream out, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return out == System.out && System.console() != null && (noColor == null || noColor.isEmpty())
                && !"dumb".equals(env.get("TERM"));
    }
}
