package dev.jbuild.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Makes {@code build} the command when none is named, so the line CI scripts use,
 * {@code jbuild -f Dockerfile.test .}, means {@code jbuild build -f Dockerfile.test .}. Global options
 * may come first; the first other word decides.
 */
final class DefaultCommand {
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--root", "--log-level", "--storage-driver", "--runtime");
    private static final Set<String> GLOBAL_FLAGS = Set.of("--debug");
    private static final Set<String> TOP_LEVEL_WORDS = Set.of("-h", "--help", "-V", "--version");

    private DefaultCommand() {}

    static String[] apply(String[] args, Set<String> subcommands) {
        int i = commandIndex(args);
        if (i >= args.length || subcommands.contains(args[i]) || TOP_LEVEL_WORDS.contains(args[i])) {
            return args;
        }
        List<String> routed = new ArrayList<>(Arrays.asList(args));
        routed.add(i, "build");
        return routed.toArray(String[]::new);
    }

    /** The word after the global options: the command name once {@link #apply} has run, or null. */
    static String commandWord(String[] args) {
        int i = commandIndex(args);
        return i < args.length ? args[i] : null;
    }

    private static int commandIndex(String[] args) {
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (GLOBAL_FLAGS.contains(arg) || isGlobalWithInlineValue(arg)) {
                i++;
            } else if (GLOBAL_WITH_VALUE.contains(arg)) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isGlobalWithInlineValue(String arg) {
        return GLOBAL_WITH_VALUE.stream().anyMatch(option -> arg.startsWith(option + "="));
    }
}
