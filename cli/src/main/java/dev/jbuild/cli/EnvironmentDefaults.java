package dev.jbuild.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options whose default comes from an environment variable when it is set and not empty: the global
 * options from {@code JBUILD_*}, and {@code build --progress} from {@code BUILDKIT_PROGRESS} as with
 * docker build. Each option's help names its variable (a test checks that it does). The variables are
 * read from the {@link Cli}'s environment, so tests can set them.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    /** Option (its longest name) to variable: the one place these are declared. */
    static final Map<String, String> VARIABLES = Map.of(
            "--root", "JBUILD_ROOT",
            "--debug", "JBUILD_DEBUG",
            "--runtime", "JBUILD_RUNTIME",
            "--storage-driver", "JBUILD_STORAGE_DRIVER",
            "--log-level", "JBUILD_LOG_LEVEL",
            "--progress", "BUILDKIT_PROGRESS");

    private final Map<String, String> env;

    EnvironmentDefaults(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String variable = VARIABLES.get(option.longestName());
        String value = variable == null ? null : env.get(variable);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (option.arity().max() == 0) {
            // a flag's variable is on when it says so the way shells and CI systems do
            return Boolean.toString(value.equals("1") || value.equalsIgnoreCase("true"));
        }
        return value;
    }
}
